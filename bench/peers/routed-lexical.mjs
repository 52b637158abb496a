// A second peer for the shell's cold start: what the browser shell's way of
// loading a page costs by itself. Node starts, loads playwright-core,
// launches the same Chromium with the same flags, serves the bare-Lexical peer
// page (out/bench/peers/bare-lexical, built by the bench) through
// context.route on an https origin that cannot resolve — as the browser shell
// serves the renderer — and prints READY when Lexical's editor is editable.
// Started by bench/metrics/coldstart.mjs as a child process.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../lib/browser.mjs';

const root = process.argv[2];
if (!root) throw new Error('usage: routed-lexical.mjs <built peer folder>');
const ORIGIN = 'https://peer.copydesk.invalid';
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
};

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_FLAGS,
});
const context = await browser.newContext();
await context.route(`${ORIGIN}/**`, async (route) => {
  const path = normalize(new URL(route.request().url()).pathname).replace(/^([/\\])+/, '');
  try {
    const body = await readFile(join(root, path));
    await route.fulfill({
      status: 200,
      contentType: TYPES[extname(path)] ?? 'application/octet-stream',
      body,
    });
  } catch {
    await route.fulfill({ status: 404, body: '' });
  }
});
const page = await context.newPage();
await page.goto(`${ORIGIN}/index.html`);
await page.waitForFunction(
  () => document.body.dataset.ready === 'true' && document.querySelector('.editor')?.isContentEditable,
);
console.log('READY');
await browser.close();
