// Issue 3: a 24-megapixel JPEG dropped on the body → its preview visible
// (≤ 300 ms; issue 10: ahead of the peer), and the longest main-thread task
// meanwhile and until the figure is stored (≤ 50 ms). Peer: the same file shown
// by a plain <img> from an object URL in a blank page.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { BENCH_OUT } from '../lib/build.mjs';
import { BODY_SELECTOR, tempDataDir } from '../lib/app.mjs';
import { installProbe, PEER_ORIGIN } from '../lib/browser.mjs';
import { formatMs } from '../lib/stats.mjs';
import { seededRandom } from '../lib/text.mjs';
import { rm } from 'node:fs/promises';

const WIDTH = 6000;
const HEIGHT = 4000;
export const BIG_JPEG = join(BENCH_OUT, 'photo-24mp.jpg');

/** A 6000×4000 photo-like JPEG (gradients plus grain), made once and cached in out/bench. */
export function bigJpeg() {
  if (existsSync(BIG_JPEG)) return readFileSync(BIG_JPEG);
  const random = seededRandom(24);
  const data = Buffer.alloc(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      const i = (y * WIDTH + x) * 4;
      const grain = (random() - 0.5) * 90;
      data[i] = Math.max(0, Math.min(255, (x / WIDTH) * 255 + grain));
      data[i + 1] = Math.max(0, Math.min(255, (y / HEIGHT) * 255 + grain));
      data[i + 2] = Math.max(0, Math.min(255, 128 + 100 * Math.sin((x + y) / 90) + grain));
      data[i + 3] = 255;
    }
  }
  const { data: encoded } = jpeg.encode({ data, width: WIDTH, height: HEIGHT }, 85);
  mkdirSync(BENCH_OUT, { recursive: true });
  writeFileSync(BIG_JPEG, encoded);
  return encoded;
}

/** In the page, before the timed part: turns the bytes into a File (a long task of its own, not the app's). */
function stageFile(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  window.__benchFile = new File([bytes], 'photo-24mp.jpg', { type: 'image/jpeg' });
}

/**
 * In the page: drops the staged file on `selector`; resolves once a preview
 * (the pending preview while the import runs — a <canvas> holding the worker's
 * downscaled bitmap, or an <img> — or the stored figure) is decoded and a frame
 * has been painted after it, with the longest main-thread task meanwhile; with
 * `storedSelector`, also waits for the stored figure and gives the longest task
 * from the drop until then (the file's transfer to the services included).
 */
async function dropInPage({ selector, previewSelector, storedSelector }) {
  const file = window.__benchFile;
  const target = document.querySelector(selector);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const bench = window.__bench;
  // Dropped from a task of the page's own: work done inside the harness's evaluate is no task the
  // long-task observer sees, so the drop handler's own work would go uncounted.
  const start = await new Promise((resolve) =>
    setTimeout(() => {
      const at = performance.now();
      if (target.tagName === 'IMG') {
        target.src = URL.createObjectURL(file);
      } else {
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(
            new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
        }
      }
      resolve(at);
    }, 0),
  );
  const shown = await new Promise((resolve, reject) => {
    const deadline = start + 30_000;
    let decoding = false;
    const frame = () => {
      const img = document.querySelector(previewSelector);
      // A <canvas> preview holds its pixels once it is in the page (its bitmap was handed over
      // before it was attached); an <img> once it is complete and decoded.
      const ready = img && (img.tagName === 'CANVAS' ? img.width > 0 : img.complete && img.naturalWidth > 0);
      if (ready && !decoding) {
        decoding = true;
        // decode() settles when the pixels are ready to paint; then wait for the frame after it.
        (img.tagName === 'CANVAS' ? Promise.resolve() : img.decode())
          .catch(() => undefined)
          .then(() =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve(performance.now());
              channel.port2.postMessage(null);
            }),
          );
      } else if (performance.now() > deadline) reject(new Error('no preview within 30 s'));
      else if (!decoding) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  let stored = null;
  if (storedSelector) {
    stored = await new Promise((resolve, reject) => {
      const deadline = start + 60_000;
      const frame = () => {
        if (document.querySelector(storedSelector)) resolve(performance.now());
        else if (performance.now() > deadline) reject(new Error('no stored figure within 60 s'));
        else requestAnimationFrame(frame);
      };
      frame();
    });
  }
  // Long-task entries arrive asynchronously: give the observer a moment before reading them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const longestUntil = (end) =>
    Math.max(
      0,
      ...bench.longTasks
        .filter((t) => t.start + t.duration >= start && t.start <= end)
        .map((t) => t.duration),
    );
  return {
    ms: shown - start,
    longest: longestUntil(shown),
    ...(stored === null ? {} : { storedMs: stored - start, longestUntilStored: longestUntil(stored) }),
  };
}

export async function imagesBench({ app, peers, log }) {
  const bytes = bigJpeg();
  const base64 = Buffer.from(bytes).toString('base64');
  const size = `${(bytes.length / 1024 / 1024).toFixed(1)} MB`;

  const peerPage = await peers.context.newPage();
  await peerPage.goto(`${PEER_ORIGIN}/plain-contenteditable/index.html`);
  await peerPage.evaluate(() => {
    const img = document.createElement('img');
    img.style.maxWidth = '600px';
    img.id = 'peer-preview';
    document.body.append(img);
  });
  await peerPage.evaluate(installProbe);
  await peerPage.evaluate(stageFile, base64);
  const peer = await peerPage.evaluate(dropInPage, {
    selector: '#peer-preview',
    previewSelector: '#peer-preview',
  });
  await peerPage.close();
  log(`images peer: ${JSON.stringify(peer)}`);

  let ours = null;
  let missing = null;
  const dataDir = await tempDataDir('images');
  try {
    await app.seedDrafts(dataDir, [
      { headline: 'Bench image', paragraphs: ['A paragraph before the photo.'] },
    ]);
    const session = await app.launchShell(dataDir);
    try {
      const { page } = session;
      const { draftItem } = await import('../lib/app.mjs');
      await draftItem(page, 'Bench image').click({ timeout: 30_000 });
      await page.waitForSelector(BODY_SELECTOR);
      if ((await page.getByRole('button', { name: 'Insert image' }).count()) === 0) {
        missing = 'feature missing (no "Insert image" button yet)';
      } else {
        await page.evaluate(stageFile, base64);
        ours = await page.evaluate(dropInPage, {
          selector: BODY_SELECTOR,
          previewSelector: '.image-pending-preview, [role="figure"] img, figure img',
          // The pending preview is no figure: a figure's <img> is the stored file.
          storedSelector: 'figure img',
        });
        log(`images copydesk: ${JSON.stringify(ours)}`);
      }
    } finally {
      await session.close();
    }
  } catch (error) {
    missing = error.message.split('\n')[0];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const cell = (value) => (ours ? formatMs(value) : `not measured: ${missing}`);
  return [
    {
      metric: `Drop a 24-MP JPEG (6000×4000, ${size}) on the body → preview visible`,
      target: '≤ 300 ms',
      copydesk: cell(ours?.ms),
      peers: `plain <img> from an object URL ${formatMs(peer.ms)}`,
      value: ours?.ms ?? Number.NaN,
      targetValue: 300,
      ...(ours && ours.ms > 300
        ? {
            why: `The preview is a worker's reduced-scale decode (WebCodecs ImageDecoder asked for ~512 px; Chromium decodes the JPEG at 1/8 DCT scale) painted into a <canvas>; longest UI task ${formatMs(ours.longest)}. The peer, a plain <img> decoding all 24 MP, needs ${formatMs(peer.ms)} in the same run; the two cores are shared with the import (hash, metadata, store), which starts once the preview shows or after 400 ms.`,
          }
        : {}),
    },
    {
      metric: 'Longest main-thread task from the drop until the preview shows',
      target: '≤ 50 ms',
      copydesk: cell(ours?.longest),
      peers: `plain <img> ${formatMs(peer.longest)}`,
      value: ours?.longest ?? Number.NaN,
      targetValue: 50,
    },
    {
      metric:
        'Longest main-thread task from the drop until the figure is stored (the file sent to the services, hashed, stored)',
      target: '≤ 50 ms',
      copydesk: ours
        ? `${formatMs(ours.longestUntilStored)} (stored after ${formatMs(ours.storedMs)})`
        : cell(undefined),
      peers: `plain <img>, drop to decoded ${formatMs(peer.longest)}`,
      value: ours?.longestUntilStored ?? Number.NaN,
      targetValue: 50,
    },
  ];
}
