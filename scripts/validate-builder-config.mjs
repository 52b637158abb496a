// Validates electron-builder.yml offline against electron-builder's own schema
// (app-builder-lib's validateConfiguration), merged with package.json the
// way `electron-builder` reads it, and checks the icon it points at.
// Part of `npm run check`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');

const configPath = join(root, 'electron-builder.yml');
try {
  const config = await getConfig(root, configPath, null);
  await validateConfiguration(config, new DebugLogger(false));
  const problems = [];
  if (config.productName !== 'Copydesk')
    problems.push('productName must be "Copydesk" (the data folder is named after it).');
  const icon = join(root, config.icon ?? '');
  if (!config.icon || !existsSync(icon))
    problems.push(`the icon ${icon} does not exist (run node scripts/make-icon.mjs).`);
  // The fuses a packaged Copydesk must ship with (see electron-builder.yml).
  const requiredFuses = {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  };
  for (const [fuse, wanted] of Object.entries(requiredFuses)) {
    if (config.electronFuses?.[fuse] !== wanted)
      problems.push(
        `electronFuses.${fuse} must be ${wanted} (it is ${config.electronFuses?.[fuse] ?? 'not set'}).`,
      );
  }
  if (config.asar === false) problems.push('asar must stay on: onlyLoadAppFromAsar needs it.');
  if (config.npmRebuild === false)
    problems.push('npmRebuild: false would ship better-sqlite3 built for Node, not Electron.');
  // getConfig normalises `files` to [{ filter: [...] }].
  const files = (Array.isArray(config.files) ? config.files : [config.files]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : Array.isArray(entry?.filter) ? entry.filter : [entry?.filter],
  );
  if (!files.includes('!**/node_modules/playwright-core/**'))
    problems.push(
      'files must exclude playwright-core ("!**/node_modules/playwright-core/**"): only the browser shell uses it.',
    );
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const bundled = Object.keys(dependencies).filter(
    (name) => ['react', 'react-dom', 'lexical', 'dompurify'].includes(name) || name.startsWith('@lexical/'),
  );
  if (bundled.length > 0)
    problems.push(
      `${bundled.join(', ')} are bundled into the renderer by Vite: make them devDependencies so installers do not carry a second copy.`,
    );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  console.log(
    `electron-builder.yml is valid (${config.appId}, targets for Windows, macOS and Linux, Electron fuses set).`,
  );
} catch (error) {
  console.error(
    `electron-builder.yml is not valid:\n${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
