// Peer for the shell's cold start: Node starts, loads playwright-core,
// launches the same Chromium with the same flags, opens about:blank, prints
// READY. Started by bench/metrics/coldstart.mjs as a child process.
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../lib/browser.mjs';

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_FLAGS,
});
const page = await (await browser.newContext()).newPage();
await page.goto('about:blank');
console.log('READY');
await browser.close();
