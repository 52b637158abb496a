// Opening a 10k-word draft: click in the drafts list → the body is editable
// and shows the whole text, at the next painted frame. Peer: bare Lexical
// parsing and setting the same editor state.
import { rm } from 'node:fs/promises';
import { BODY_SELECTOR, draftItem, tempDataDir } from '../lib/app.mjs';
import { PEER_ORIGIN } from '../lib/browser.mjs';
import { formatMs, median } from '../lib/stats.mjs';
import { END_MARKER, generateParagraphs, lexicalStateOf } from '../lib/text.mjs';
import { notMeasured } from './typing.mjs';

const BIG = 'Bench open 10k words';
const SMALL = 'Bench open small draft';

/** Arms a capture-phase pointerdown listener; the promise resolves with ms from that press to the painted, editable body. */
function armOpenTimer({ selector, marker }) {
  window.__openResult = new Promise((resolve, reject) => {
    document.addEventListener(
      'pointerdown',
      (event) => {
        const start = event.timeStamp;
        const deadline = performance.now() + 30_000;
        const frame = () => {
          const body = document.querySelector(selector);
          const ready =
            body !== null &&
            body.isContentEditable &&
            (body.lastElementChild?.textContent ?? '').includes(marker);
          if (ready) {
            const channel = new MessageChannel();
            channel.port1.onmessage = () =>
              resolve({ ms: performance.now() - start, focused: body.contains(document.activeElement) });
            channel.port2.postMessage(null);
          } else if (performance.now() > deadline) reject(new Error('the draft did not open within 30 s'));
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
}

async function peerOpen(context, serialized, runs) {
  const page = await context.newPage();
  await page.goto(`${PEER_ORIGIN}/bare-lexical/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate((json) => (window.__state = json), serialized);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    await page.evaluate(() =>
      window.benchPeer.load(
        '{"root":{"type":"root","version":1,"direction":null,"format":"","indent":0,"children":[{"type":"paragraph","version":1,"direction":null,"format":"","indent":0,"textFormat":0,"textStyle":"","children":[]}]}}',
      ),
    );
    times.push(
      await page.evaluate(async (marker) => {
        const start = performance.now();
        await window.benchPeer.load(window.__state);
        const body = document.querySelector('[aria-label="Article body"]');
        body.focus();
        await new Promise((resolve) => {
          const frame = () =>
            (body.lastElementChild?.textContent ?? '').includes(marker)
              ? resolve()
              : requestAnimationFrame(frame);
          requestAnimationFrame(frame);
        });
        await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          requestAnimationFrame(() => channel.port2.postMessage(null));
        });
        return performance.now() - start;
      }, END_MARKER),
    );
  }
  await page.close();
  return times;
}

export async function openBench({ app, peers, quick, log }) {
  const runs = quick ? 3 : 7;
  const paragraphs = generateParagraphs(10_000, 10_000);
  const peerTimes = await peerOpen(peers.context, JSON.stringify(lexicalStateOf(paragraphs)), runs);
  log(`open peer: ${peerTimes.map((t) => t.toFixed(0)).join(', ')} ms`);

  const ours = [];
  let focused = true;
  let failure = null;
  const dataDir = await tempDataDir('open');
  try {
    await app.seedDrafts(dataDir, [
      { headline: BIG, paragraphs },
      { headline: SMALL, paragraphs: ['A short draft.'] },
    ]);
    const session = await app.launchShell(dataDir);
    const { page } = session;
    try {
      for (let i = 0; i < runs; i += 1) {
        await draftItem(page, SMALL).click({ timeout: 30_000 });
        await page.waitForFunction(
          (selector) => (document.querySelector(selector)?.textContent ?? '').includes('A short draft.'),
          BODY_SELECTOR,
          { timeout: 30_000 },
        );
        await page.evaluate(armOpenTimer, { selector: BODY_SELECTOR, marker: END_MARKER });
        await draftItem(page, BIG).click();
        const result = await page.evaluate(() => window.__openResult);
        ours.push(result.ms);
        focused &&= result.focused;
      }
      log(
        `open copydesk: ${ours.map((t) => t.toFixed(0)).join(', ')} ms; body focused after open: ${focused}`,
      );
    } finally {
      await session.close();
    }
  } catch (error) {
    failure = error;
    log(`open copydesk failed: ${error.message}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const later = ours.slice(1);
  const copydeskCell = (value) =>
    Number.isNaN(value)
      ? notMeasured(failure)
      : `${formatMs(value)}${focused ? '' : ' (body editable; focus stays in the list)'}`;
  const first = ours[0] ?? Number.NaN;
  const laterMedian = later.length > 0 ? median(later) : Number.NaN;
  return [
    {
      metric: 'Open a 10k-word draft from the list → editable body showing it: first open after start',
      target: '≤ 200 ms',
      copydesk: copydeskCell(first),
      peers: `bare Lexical setEditorState of the same JSON, first time in the page ${formatMs(peerTimes[0])}`,
      value: first,
      targetValue: 200,
    },
    {
      metric: `Same, median of the ${later.length} later opens (switching away and back)`,
      target: '≤ 200 ms',
      copydesk: copydeskCell(laterMedian),
      peers: `bare Lexical ${formatMs(median(peerTimes.slice(1)))}`,
      value: laterMedian,
      targetValue: 200,
    },
  ];
}
