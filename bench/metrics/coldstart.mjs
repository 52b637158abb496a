// Browser shell cold start: spawn `node out/main/browser-shell.js --headless`
// → the body is editable. Peers, alternated run for run: Node +
// playwright-core + the same Chromium on about:blank (the target's peer), and
// the same with the bare-Lexical peer page served through context.route as the
// browser shell serves the renderer (what that way of loading an editor costs
// by itself). Median of 7 (3 in --quick).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BODY_SELECTOR, draftItem, tempDataDir } from '../lib/app.mjs';
import { PEERS_OUT, REPO_ROOT } from '../lib/build.mjs';
import { formatMs, median } from '../lib/stats.mjs';
import { notMeasured } from './typing.mjs';

async function peerStart(...args) {
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let readyAt = null;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (readyAt === null && chunk.includes('READY')) readyAt = performance.now();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  if (readyAt === null) throw new Error(`the peer ${args[0]} never printed READY`);
  return readyAt - start;
}

/**
 * One cold start. The page's own clock says when the body became editable,
 * compared with the wall clock at spawn: the app's User Timing mark
 * "copydesk:body-editable" (set after the first painted frame with an
 * editable body; timeOrigin + its startTime), read after attaching. Without
 * the mark (an older build), it is observed by polling after attaching, an
 * upper bound.
 */
async function copydeskStart(app, dataDir) {
  const spawnedAtEpoch = performance.timeOrigin + performance.now();
  const session = await app.launchShell(dataDir);
  try {
    const readyMs = session.readyAt - session.startedAt;
    const { page } = session;
    let editableAtEpoch = await page.evaluate(
      ({ selector }) =>
        new Promise((resolve) => {
          const deadline = performance.now() + 3_000;
          const frame = () => {
            const body = document.querySelector(selector);
            const mark = performance.getEntriesByName('copydesk:body-editable')[0];
            if (mark) resolve(performance.timeOrigin + mark.startTime);
            else if (body?.isContentEditable && performance.now() > deadline - 2_500)
              resolve(performance.timeOrigin + performance.now());
            else if (performance.now() > deadline) resolve(null);
            else requestAnimationFrame(frame);
          };
          frame();
        }),
      { selector: BODY_SELECTOR },
    );
    let clicked = false;
    if (editableAtEpoch === null) {
      // The app starts on the list without an open draft: opening the newest one is part of reaching a caret.
      clicked = true;
      await draftItem(page, 'Bench cold start').click();
      await page.waitForSelector(BODY_SELECTOR, { timeout: 30_000 });
      editableAtEpoch = await page.evaluate(() => performance.timeOrigin + performance.now());
    }
    return { readyMs, editableMs: editableAtEpoch - spawnedAtEpoch, clicked };
  } finally {
    await session.close();
  }
}

export async function coldStartBench({ app, quick, log }) {
  const runs = quick ? 3 : 7;
  const peer = [];
  const routedLexical = [];
  for (let i = 0; i < runs; i += 1) {
    peer.push(await peerStart(join(REPO_ROOT, 'bench/peers/bare-chromium.mjs')));
    routedLexical.push(await peerStart(join(REPO_ROOT, 'bench/peers/routed-lexical.mjs'), PEERS_OUT));
  }
  log(`cold start peer: ${peer.map((t) => t.toFixed(0)).join(', ')} ms`);
  log(`cold start routed bare Lexical: ${routedLexical.map((t) => t.toFixed(0)).join(', ')} ms`);

  const ours = [];
  let failure = null;
  const dataDir = await tempDataDir('coldstart');
  try {
    await app.seedDrafts(dataDir, [{ headline: 'Bench cold start', paragraphs: ['A draft to reopen.'] }]);
    for (let i = 0; i < runs; i += 1) ours.push(await copydeskStart(app, dataDir));
    log(
      `cold start copydesk: ${ours.map((r) => `${r.editableMs.toFixed(0)} (ready line ${r.readyMs.toFixed(0)})`).join(', ')} ms`,
    );
  } catch (error) {
    failure = error;
    log(`cold start copydesk failed: ${error.message}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const value = ours.length === runs ? median(ours.map((r) => r.editableMs)) : Number.NaN;
  const clicked = ours.some((r) => r.clicked);
  return [
    {
      metric: `Browser shell cold start → editable body${clicked ? ' (includes clicking the draft in the list)' : ''}, median of ${runs}`,
      target: '≤ 1200 ms, and ≤ the peer + 150 ms',
      copydesk: Number.isNaN(value)
        ? notMeasured(failure)
        : `${formatMs(value)} (COPYDESK_READY line at ${formatMs(median(ours.map((r) => r.readyMs)))})`,
      peers: `Node + playwright-core + Chromium on about:blank, same flags ${formatMs(median(peer))}; the same with the bare-Lexical page served through context.route, as the shell serves its renderer, to an editable editor ${formatMs(median(routedLexical))}`,
      value,
      targetValue: Math.min(1200, median(peer) + 150),
      ...(value > Math.min(1200, median(peer) + 150)
        ? {
            why: `Copydesk adds ${formatMs(value - median(peer))} to the peer's start (the services and database, the launcher's route and bridge, the renderer's bundles, the first list, the editor); a bare Lexical page loaded the shell's way adds ${formatMs(median(routedLexical) - median(peer))} by itself.`,
          }
        : {}),
    },
  ];
}
