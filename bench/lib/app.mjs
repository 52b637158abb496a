// Copydesk under test: seeds a data folder through the app's own services
// (built by bench/lib/build.mjs), then runs the built browser shell exactly
// as a user or CI would and attaches to it over CDP.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_ROOT, SERVICES_ENTRY } from './build.mjs';
import { bodyEnvelopeJson, END_MARKER } from './text.mjs';
import { installProbe } from './browser.mjs';

export const SHELL_ENTRY = join(REPO_ROOT, 'out/main/browser-shell.js');
export const BODY_SELECTOR = '[contenteditable="true"][aria-label="Article body"]';
export const DRAFTS_SELECTOR = '[aria-label="Drafts"]';
const READY_PREFIX = 'COPYDESK_READY ';

export function emptyMeta(headline = '') {
  return {
    kicker: '',
    headline,
    standfirst: '',
    byline: '',
    bylineRole: '',
    articleType: 'news',
    tags: [],
    slug: '',
    slugEdited: false,
    leadImage: null,
  };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function tempDataDir(label) {
  return mkdtemp(join(tmpdir(), `copydesk-bench-${label}-`));
}

/** Opens the app's real services on a data folder (the shell must not be running on it). */
export async function openServices(dataDir, extra = {}) {
  if (!existsSync(SERVICES_ENTRY))
    throw new Error('the app services entry was not built (src-main/services missing?)');
  const { createServices } = await import(SERVICES_ENTRY);
  return createServices({
    dataDir,
    shell: 'browser',
    version: 'bench',
    openExternal: async () => {},
    backupIntervalMs: 0,
    ...extra,
  });
}

/**
 * Seeds drafts with the repository's own create and save, in transactions of
 * `batch` drafts. Each draft: { headline, paragraphs? , bodyJson? }. Returns their ids.
 */
export async function seedDrafts(dataDir, drafts, batch = 500) {
  const services = await openServices(dataDir);
  const ids = [];
  try {
    const insertBatch = services.store.db.transaction((slice) => {
      for (const draft of slice) {
        const { id } = services.drafts.create();
        const body = draft.bodyJson ?? bodyEnvelopeJson(draft.paragraphs ?? ['']);
        services.drafts.save({ id, meta: emptyMeta(draft.headline), body });
        ids.push(id);
      }
    });
    for (let i = 0; i < drafts.length; i += batch) insertBatch(drafts.slice(i, i + batch));
  } finally {
    services.close();
  }
  return ids;
}

/**
 * Starts `node out/main/browser-shell.js --headless` on a data folder, waits for
 * its COPYDESK_READY line and attaches Playwright over CDP. The shell runs in
 * its own process group so a kill takes its Chromium with it.
 */
export async function launchShell(dataDir, { timeoutMs = 60_000, attach = true } = {}) {
  if (!existsSync(SHELL_ENTRY)) throw new Error(`${SHELL_ENTRY} is missing: run npm run build`);
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [SHELL_ENTRY, '--headless', '--data-dir', dataDir, '--remote-debugging-port', String(port)],
    { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no COPYDESK_READY within ${timeoutMs} ms:\n${output.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve({ at: performance.now(), info: JSON.parse(line.slice(READY_PREFIX.length)) });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the shell exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
  const session = {
    child,
    pid: child.pid,
    port,
    startedAt,
    readyAt: ready.at,
    browser: null,
    page: null,
    output: () => output,
    exited,
    /** SIGKILL to the whole process group: the shell and the Chromium it started. */
    kill() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      return exited;
    },
    async close() {
      await session.browser?.close().catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => session.kill(), 10_000);
        await exited;
        clearTimeout(timer);
      }
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is empty
      }
    },
  };
  if (attach) {
    session.browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    session.page = await findAppPage(session.browser);
    await session.page.evaluate(installProbe);
  }
  return session;
}

async function findAppPage(browser) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    for (const context of browser.contexts()) {
      const page = context
        .pages()
        .find(
          (p) => p.url().startsWith('app://') || /copydesk/i.test(p.url()) || p.url().includes('/index.html'),
        );
      if (page) return page;
      if (context.pages().length === 1 && !context.pages()[0].url().startsWith('about:'))
        return context.pages()[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const urls = browser.contexts().flatMap((c) => c.pages().map((p) => p.url()));
  throw new Error(`attached over CDP but found no Copydesk page (pages: ${urls.join(', ') || 'none'})`);
}

/** The drafts list item showing `headline`. */
export function draftItem(page, headline) {
  return page
    .locator(
      `${DRAFTS_SELECTOR} [role="option"], ${DRAFTS_SELECTOR} [role="listitem"], ${DRAFTS_SELECTOR} li`,
    )
    .filter({ hasText: headline })
    .first();
}

/** Waits until the body is editable and shows the end of the generated text. */
export async function waitForBodyText(page, marker = END_MARKER, timeoutMs = 60_000) {
  await page.waitForFunction(
    ({ selector, marker }) => {
      const body = document.querySelector(selector);
      return body !== null && (body.lastElementChild?.textContent ?? '').includes(marker);
    },
    { selector: BODY_SELECTOR, marker },
    { timeout: timeoutMs, polling: 50 },
  );
}

/** Seeds one draft, starts the shell and opens the draft by clicking it in the list. */
export async function openWithDraft({ headline, paragraphs }) {
  const dataDir = await tempDataDir('draft');
  await seedDrafts(dataDir, [{ headline, paragraphs }]);
  const session = await launchShell(dataDir);
  try {
    await draftItem(session.page, headline).click({ timeout: 30_000 });
    await waitForBodyText(session.page);
    await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  } catch (error) {
    await session.close();
    throw error;
  }
  const close = session.close;
  session.close = async () => {
    await close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return session;
}

export const app = { openWithDraft, seedDrafts, launchShell, tempDataDir };
