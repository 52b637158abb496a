// A second peer for the shell's cold start: what the browser shell's way of
// loading a page costs by itself. Node starts, loads playwright-core,
// launches the same Chromium with the same flags, serves the bare-Lexical peer
// page (built by the bench into out/bench/peers) through context.route on an
// origin that cannot resolve — as the browser shell serves the renderer — and
// prints READY when Lexical's editor is editable. Started by
// bench/metrics/coldstart.mjs as a child process, with the peers' folder.
import { launchPeerBrowser, PEER_ORIGIN } from '../lib/browser.mjs';

const peersRoot = process.argv[2];
if (!peersRoot) throw new Error('usage: routed-lexical.mjs <built peers folder>');

const { browser, context } = await launchPeerBrowser(peersRoot);
const page = await context.newPage();
await page.goto(`${PEER_ORIGIN}/bare-lexical/index.html`);
await page.waitForFunction(
  () => document.body.dataset.ready === 'true' && document.querySelector('.editor')?.isContentEditable,
);
console.log('READY');
await browser.close();
