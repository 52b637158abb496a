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
const report = join(root, 'out', 'electronegativity.csv');
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
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const findings = readFileSync(report, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => ({ line, severity: /^[A-Z_]+,"([A-Z]+)"/.exec(line)?.[1] ?? 'UNKNOWN' }));
// Global checks ignore --severity; low and informational findings are printed, not fatal.
for (const finding of findings.filter((f) => !BLOCKING.has(f.severity) && f.severity !== 'UNKNOWN')) {
  console.log(`  note (${finding.severity.toLowerCase()}): ${finding.line}`);
}
const rows = findings.filter((f) => BLOCKING.has(f.severity) || f.severity === 'UNKNOWN').map((f) => f.line);
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
