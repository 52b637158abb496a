// One Chromium, one set of flags, one measuring script for Copydesk and every
// peer, so the figures differ only by the page under test.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.COPYDESK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Pages of the peers are served from this origin through context.route, never file://. */
export const PEER_ORIGIN = 'http://bench.invalid';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

export async function launchPeerBrowser(peerRoot) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(`${PEER_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(peerRoot, relative));
      await route.fulfill({
        status: 200,
        body,
        contentType: TYPES[extname(relative)] ?? 'application/octet-stream',
      });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  return { browser, context };
}

/**
 * Installed in every page under test. Keystroke latency: a capture-phase
 * keydown records event.timeStamp; the next requestAnimationFrame posts a
 * MessageChannel message, whose handler runs after that frame was painted.
 * Long tasks are recorded from the moment the probe is installed.
 */
export function installProbe() {
  if (window.__bench) return;
  const bench = { samples: [], waiters: [], longTasks: [] };
  window.__bench = bench;
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          bench.samples.push(performance.now() - start);
          const waiters = bench.waiters.splice(0);
          for (const wake of waiters) wake();
        };
        channel.port2.postMessage(null);
      });
    },
    true,
  );
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask is not observable in this browser; the tasks list stays empty.
  }
}

/** Resolves in the page once the probe holds more than `count` samples. */
export function waitForSampleInPage(count) {
  const bench = window.__bench;
  if (bench.samples.length > count) return Promise.resolve();
  return new Promise((resolve) => bench.waiters.push(resolve));
}

/** Resolves with performance.now() at the first painted frame on which `test` passes. */
export function paintedWhen(test, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const frame = () => {
      if (test()) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
        return;
      }
      if (performance.now() > deadline) reject(new Error('timed out waiting for the page'));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * Puts the caret at the end of the editable's last block, or in the middle of
 * its middle block, the way a click would, then scrolls it into view.
 */
export function placeCaretInPage({ selector, where }) {
  const editable = document.querySelector(selector);
  if (!editable) throw new Error(`no element ${selector}`);
  editable.focus();
  const blocks = editable.children;
  const block = where === 'end' ? blocks[blocks.length - 1] : blocks[Math.floor(blocks.length / 2)];
  if (!block) {
    document.getSelection().collapse(editable, 0);
    return;
  }
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let text = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text = node;
    if (where === 'middle') break;
  }
  block.scrollIntoView({ block: 'center' });
  if (!text) {
    document.getSelection().collapse(block, 0);
    return;
  }
  const offset = where === 'end' ? text.length : Math.floor(text.length / 2);
  document.getSelection().collapse(text, offset);
}

/**
 * Dispatches a paste of `text` (text/plain) and `html` (text/html) at the
 * caret, then reports: time to the first painted frame showing `marker` at the
 * end of the body, and the long tasks during and in the `afterMs` after it.
 */
export async function pasteInPage({ selector, text, html, marker, afterMs }) {
  const body = document.querySelector(selector);
  const transfer = new DataTransfer();
  transfer.setData('text/plain', text);
  transfer.setData('text/html', html);
  const bench = window.__bench;
  const start = performance.now();
  body.dispatchEvent(
    new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
  );
  const settled = await new Promise((resolve, reject) => {
    const deadline = start + 120_000;
    const frame = () => {
      if ((body.lastElementChild?.textContent ?? '').includes(marker)) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      } else if (performance.now() > deadline) reject(new Error('the pasted text never appeared'));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const tasks = bench.longTasks;
  const longestDuring = Math.max(
    0,
    ...tasks.filter((t) => t.start + t.duration >= start && t.start < settled).map((t) => t.duration),
  );
  const longestAfter = Math.max(0, ...tasks.filter((t) => t.start >= settled).map((t) => t.duration));
  return { settleMs: settled - start, longestDuring, longestAfter, blocks: body.children.length };
}
