// Keystroke → next painted frame in the body, at 10k and 100k words, caret at
// the end and in the middle. Peers: bare Lexical, plain contenteditable. The
// three pages are open side by side and typed into in alternated blocks
// (BLOCKS blocks each, the order rotated every block), so a slow stretch of a
// shared machine falls on all three alike rather than on whichever ran then.
import { installProbe, PEER_ORIGIN, placeCaretInPage, waitForSampleInPage } from '../lib/browser.mjs';
import { formatMs, percentile } from '../lib/stats.mjs';
import { generateParagraphs, htmlOf, lexicalStateOf } from '../lib/text.mjs';
import { BODY_SELECTOR } from '../lib/app.mjs';

const KEYS = 'the quick brown fox jumps over a lazy dog ';
/** Blocks each page's keys are typed in, alternated with the other pages' blocks. */
const BLOCKS = 5;
const PEERS = ['bare-lexical', 'plain-contenteditable'];

/** Types `count` keys one at a time, waiting for each key's painted frame; returns latencies in ms. */
export async function measureKeystrokes(page, count) {
  await page.evaluate(installProbe);
  const before = await page.evaluate(() => window.__bench.samples.length);
  for (let i = 0; i < count; i += 1) {
    const key = KEYS[i % KEYS.length];
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await page.evaluate(waitForSampleInPage, before + i);
  }
  return page.evaluate((from) => window.__bench.samples.slice(from), before);
}

/**
 * Rests the mouse pointer over the middle of the body, as after a click into
 * the text. Chromium hit-tests the pointer after each layout while one is in
 * the page; opening Copydesk's draft leaves one there (it is clicked in the
 * list), so every page gets the same pointer before typing.
 */
export async function parkPointer(page, selector) {
  const box = await page.locator(selector).boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 600) / 2);
}

export async function openPeer(context, name, paragraphs) {
  const page = await context.newPage();
  await page.goto(`${PEER_ORIGIN}/${name}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  if (name === 'bare-lexical') {
    await page.evaluate((state) => window.benchPeer.load(JSON.stringify(state)), lexicalStateOf(paragraphs));
  } else {
    await page.evaluate((html) => window.benchPeer.load(html), htmlOf(paragraphs));
  }
  await page.evaluate(installProbe);
  return page;
}

export const TYPING_CASES = [
  { words: 10_000, where: 'end', targets: { p50: 16, p99: 33 } },
  { words: 10_000, where: 'middle', targets: { p50: 16, p99: 33 } },
  { words: 100_000, where: 'end', targets: { p99: 50 } },
  { words: 100_000, where: 'middle', targets: { p99: 50 } },
];

export async function typingBench({ app, peers, samples, log }) {
  const rows = [];
  for (const words of [10_000, 100_000]) {
    const paragraphs = generateParagraphs(words, words);
    const figures = {};
    const pages = {};
    let appError = null;
    let session = null;
    try {
      for (const name of PEERS) {
        pages[name] = {
          page: await openPeer(peers.context, name, paragraphs),
          selector: '[aria-label="Article body"]',
        };
      }
      try {
        session = await app.openWithDraft({ headline: `Bench ${words} words`, paragraphs });
        pages.copydesk = { page: session.page, selector: BODY_SELECTOR };
      } catch (error) {
        appError = error;
        log(`typing ${words} copydesk failed: ${error.message}`);
      }
      const names = Object.keys(pages);
      for (const where of ['end', 'middle']) {
        for (const name of names) {
          const { page, selector } = pages[name];
          await page.evaluate(placeCaretInPage, { selector, where });
          figures[`${name}/${where}`] = [];
        }
        const keys = Math.ceil(samples / BLOCKS);
        for (let block = 0; block < BLOCKS; block += 1) {
          for (let i = 0; i < names.length; i += 1) {
            const name = names[(block + i) % names.length];
            const { page, selector } = pages[name];
            // Each page is brought to the front for its block: the pointer rests over its body, as after a click.
            await page.bringToFront();
            await parkPointer(page, selector);
            figures[`${name}/${where}`].push(...(await measureKeystrokes(page, keys)));
          }
        }
        for (const name of names) {
          log(
            `typing ${words} ${where} ${name}: p50 ${formatMs(percentile(figures[`${name}/${where}`], 50))}`,
          );
        }
      }
    } finally {
      for (const name of PEERS) await pages[name]?.page.close();
      await session?.close();
    }
    for (const testCase of TYPING_CASES.filter((c) => c.words === words)) {
      for (const [stat, target] of Object.entries(testCase.targets)) {
        const p = stat === 'p50' ? 50 : 99;
        const ours = figures[`copydesk/${testCase.where}`];
        const value = ours ? percentile(ours, p) : Number.NaN;
        rows.push({
          metric: `Keystroke → painted frame, ${words / 1000}k words, caret at ${testCase.where}, ${stat}`,
          target: `≤ ${target} ms`,
          copydesk: ours ? formatMs(value) : notMeasured(appError),
          peers: `bare Lexical ${formatMs(percentile(figures[`bare-lexical/${testCase.where}`], p))}; plain contenteditable ${formatMs(percentile(figures[`plain-contenteditable/${testCase.where}`], p))}`,
          value,
          targetValue: target,
          floor: percentile(figures[`plain-contenteditable/${testCase.where}`], p),
        });
      }
    }
  }
  return rows;
}

export function notMeasured(error) {
  return `not measured: ${
    error
      ? String(error.message ?? error)
          .split('\n')[0]
          .slice(0, 120)
      : 'no sample'
  }`;
}
