// `npm run security`: Electronegativity over src-main, offline, failing on any
// finding of medium severity or above. The CLI itself exits 0 even when it
// finds problems, so this script reads its report and decides.
// Suppress a finding only with an inline `// eng-disable CHECK_NAME` on the
// reported line and a comment above it that says why it is safe.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
// SARIF, not CSV: the CLI writes the CSV header and rows with racing async writes, which garbles it.
const report = join(root, 'out', 'electronegativity.sarif');
mkdirSync(dirname(report), { recursive: true });

const args = [
  cli,
  '--input',
  join(root, 'src-main'),
  // Needs the internet (it downloads Electron's release list); we pin Electron in package.json instead.
  '--exclude-checks',
  'AvailableSecurityFixesGlobalCheck',
  '--severity',
  'medium',
  '--electron-version',
  electronVersion,
  '--relative',
  '--verbose',
  'false',
  '--output',
  report,
];
const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  console.error(`Electronegativity did not finish (exit ${run.status ?? run.signal}).`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(report, 'utf8')).runs[0].results;
const describe = (result) => {
  const location = result.locations?.[0]?.physicalLocation;
  return `${result.ruleId} ${location?.artifactLocation?.uri ?? ''}:${location?.region?.startLine ?? ''} ${result.message.text}`;
};
// --severity filters every check except the global ones. CSP_GLOBAL_CHECK rates a CSP it found as
// low severity ("may be weak") and a missing CSP (reported without a file) as medium.
const isLowCspNote = (result) =>
  result.ruleId === 'CSP_GLOBAL_CHECK' &&
  result.locations?.[0]?.physicalLocation?.artifactLocation?.uri !== 'file:///';
for (const result of results.filter(isLowCspNote)) console.log(`  note (low): ${describe(result)}`);
const rows = results.filter((result) => !isLowCspNote(result)).map(describe);
if (rows.length > 0) {
  console.error(
    `Electronegativity found ${rows.length} issue(s) at medium severity or above (report: ${report}):`,
  );
  for (const row of rows) console.error(`  ${row}`);
  process.exit(1);
}
console.log(
  `Electronegativity (Electron ${electronVersion}): no findings at medium severity or above in src-main.`,
);
