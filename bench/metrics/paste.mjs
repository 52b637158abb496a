// Paste of 100k words into an empty body: time to the settled, painted text;
// the longest main-thread task afterwards; keystroke latency after it
// (facebook/lexical#7422 reports ~1 s per key after a 500 kB paste).
import { installProbe, pasteInPage, placeCaretInPage } from '../lib/browser.mjs';
import { BODY_SELECTOR, draftItem, tempDataDir } from '../lib/app.mjs';
import { formatMs, percentile } from '../lib/stats.mjs';
import { END_MARKER, generateParagraphs, htmlOf, lexicalStateOf } from '../lib/text.mjs';
import { measureKeystrokes, notMeasured } from './typing.mjs';
import { PEER_ORIGIN } from '../lib/browser.mjs';
import { rm } from 'node:fs/promises';

const AFTER_MS = 3_000;

async function pasteAndType(page, selector, clipboard, keys) {
  await page.evaluate(installProbe);
  await page.evaluate(placeCaretInPage, { selector, where: 'end' });
  const result = await page.evaluate(pasteInPage, {
    selector,
    ...clipboard,
    marker: END_MARKER,
    afterMs: AFTER_MS,
  });
  await page.evaluate(placeCaretInPage, { selector, where: 'end' });
  result.keys = await measureKeystrokes(page, keys);
  return result;
}

export async function pasteBench({ app, peers, quick, log }) {
  const paragraphs = generateParagraphs(100_000, 7);
  const clipboard = { text: paragraphs.join('\n\n'), html: htmlOf(paragraphs) };
  const keys = quick ? 20 : 60;

  const peerPage = await peers.context.newPage();
  await peerPage.goto(`${PEER_ORIGIN}/bare-lexical/index.html`);
  await peerPage.waitForSelector('body[data-ready="true"]');
  const emptyParagraph = lexicalStateOf(['']);
  emptyParagraph.root.children[0].children = [];
  await peerPage.evaluate((state) => window.benchPeer.load(JSON.stringify(state)), emptyParagraph);
  const peer = await pasteAndType(peerPage, '[aria-label="Article body"]', clipboard, keys);
  await peerPage.close();
  log(`paste peer: ${JSON.stringify({ ...peer, keys: undefined })}`);

  let ours = null;
  let failure = null;
  const dataDir = await tempDataDir('paste');
  try {
    await app.seedDrafts(dataDir, [{ headline: 'Bench paste', paragraphs: [''] }]);
    const session = await app.launchShell(dataDir);
    try {
      await draftItem(session.page, 'Bench paste').click({ timeout: 30_000 });
      await session.page.waitForSelector(BODY_SELECTOR, { timeout: 30_000 });
      ours = await pasteAndType(session.page, BODY_SELECTOR, clipboard, keys);
      log(`paste copydesk: ${JSON.stringify({ ...ours, keys: undefined })}`);
    } finally {
      await session.close();
    }
  } catch (error) {
    failure = error;
    log(`paste copydesk failed: ${error.message}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const cell = (value) => (ours ? formatMs(value) : notMeasured(failure));
  return [
    {
      metric: 'Paste 100k words (text/plain + text/html) → settled, painted',
      target: '≤ 2000 ms',
      copydesk: cell(ours?.settleMs),
      peers: `bare Lexical ${formatMs(peer.settleMs)}`,
      value: ours?.settleMs ?? Number.NaN,
      targetValue: 2000,
    },
    {
      metric: `Longest main-thread task in the ${AFTER_MS / 1000} s after the paste settled`,
      target: '≤ 200 ms',
      copydesk: cell(ours?.longestAfter),
      peers: `bare Lexical ${formatMs(peer.longestAfter)}`,
      value: ours?.longestAfter ?? Number.NaN,
      targetValue: 200,
    },
    {
      metric: 'Longest main-thread task while pasting (for information)',
      target: '—',
      copydesk: cell(ours?.longestDuring),
      peers: `bare Lexical ${formatMs(peer.longestDuring)}`,
      value: ours?.longestDuring ?? Number.NaN,
    },
    {
      metric: 'Keystroke → painted frame after that paste (100k words), p99',
      target: '≤ 50 ms',
      copydesk: ours ? formatMs(percentile(ours.keys, 99)) : notMeasured(failure),
      peers: `bare Lexical ${formatMs(percentile(peer.keys, 99))}`,
      value: ours ? percentile(ours.keys, 99) : Number.NaN,
      targetValue: 50,
    },
  ];
}
