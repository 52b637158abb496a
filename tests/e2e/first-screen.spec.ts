// The first screen (the drafts list) runs from a small entry chunk; the
// editor (Lexical, the article pane and its dialogs) is a separate chunk the
// page fetches when a draft opens. Proven on the
// running app: what the page's entry module imports before the first list
// item is painted, and that a draft opens right after a cold start.
import { expect, test, type Page } from '@playwright/test';
import { body, draftsList, expectSaved, field, newDraft, openDraft } from './support/desk';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { watchForText } from './support/textWatch';
import { FIRST_PAGE_REQUESTED_MARK } from '../../src-shared/timing';

/** Lexical's production build names itself in its error helper; nothing else in the renderer does. */
const LEXICAL_SIGNATURE = 'Minified Lexical error';
/** zod names its error class; the contract's schemas (and zod) load with the first pushed event. */
const ZOD_SIGNATURE = 'ZodError';

interface FirstPaint {
  /** ms since navigation start of the first frame showing a list item. */
  paintedAt: number;
  /** Whether an editable article body existed in that frame. */
  editorInThatFrame: boolean;
  /** When React first put anything into #root (performance.now()). */
  rootFilledAt: number;
}

/** Reloads the page with a probe that notes the first frame showing a drafts list item. */
async function reloadAndTimeFirstListItem(page: Page): Promise<FirstPaint> {
  await page.addInitScript(() => {
    let rootFilledAt = -1;
    const commits = new MutationObserver(() => {
      if (rootFilledAt < 0 && (document.getElementById('root')?.childElementCount ?? 0) > 0) {
        rootFilledAt = performance.now();
        commits.disconnect();
      }
    });
    commits.observe(document, { childList: true, subtree: true });
    const frame = (): void => {
      const item = document.querySelector('[aria-label="Drafts"] li');
      if (item && item.getBoundingClientRect().height > 0) {
        (window as unknown as Record<string, FirstPaint>)['__firstListPaint'] = {
          rootFilledAt,
          paintedAt: performance.now(),
          editorInThatFrame:
            document.querySelector('[aria-label="Article body"][contenteditable="true"]') !== null,
        };
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.reload();
  const handle = await page.waitForFunction(
    () => (window as unknown as Record<string, FirstPaint | undefined>)['__firstListPaint'],
  );
  return (await handle.jsonValue()) as FirstPaint;
}

/**
 * The module graph the page's entry script loads statically (what must run
 * before the first React render), fetched from the app origin as the page
 * sees it: url → source text.
 */
async function entryModuleGraph(page: Page): Promise<Map<string, string>> {
  const entries = await page.evaluate(async () => {
    const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]');
    if (!entry) throw new Error('index.html has no module script');
    const graph: [string, string][] = [];
    const pending = [entry.src];
    const seen = new Set(pending);
    while (pending.length > 0) {
      const url = pending.shift() ?? '';
      const text = await (await fetch(url)).text();
      graph.push([url, text]);
      // Static imports only (`import … from "./x.js"` / `import "./x.js"`), not import("./x.js").
      for (const match of text.matchAll(
        /(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["'`]([^"'`]+\.js)["'`]/g,
      )) {
        const next = new URL(match[1] ?? '', url).href;
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    }
    return graph;
  });
  return new Map(entries);
}

/** Every script the page fetched (module scripts and module preloads), by URL. */
async function scriptsFetched(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('.js')),
  );
}

let app: LaunchedApp | undefined;

test.afterEach(async () => {
  if (app) expect(await app.close()).toBe(0);
  app = undefined;
});

test('the drafts list paints from the entry chunk without the editor or zod, and a draft opens right after a cold start', async () => {
  const seeded = await launchApp();
  for (const headline of ['Older story on the list', 'Newest story on the list']) {
    await newDraft(seeded.page);
    await field(seeded.page, 'Headline').fill(headline);
    await expectSaved(seeded.page);
  }
  expect(await seeded.close()).toBe(0);

  // A cold start on the same folder, then a reload timed to the first painted list item.
  app = await launchApp({ dataDir: seeded.dataDir, shell: seeded.shell });
  const page = app.page;
  await expect(draftsList(page).getByText('Newest story on the list')).toBeVisible();
  const firstPaint = await reloadAndTimeFirstListItem(page);
  expect(firstPaint.editorInThatFrame, 'the list is painted before the editor is built').toBe(false);
  // The first screenful is asked for before React renders anything, so it travels while that render runs.
  const requestedAt = await page.evaluate(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null,
    FIRST_PAGE_REQUESTED_MARK,
  );
  expect(requestedAt, 'the first page is asked for at start').not.toBeNull();
  expect(firstPaint.rootFilledAt).toBeGreaterThan(0);
  expect(requestedAt!).toBeLessThan(firstPaint.rootFilledAt);

  const graph = await entryModuleGraph(page);
  expect(graph.size, 'the entry and its static imports').toBeGreaterThan(0);
  for (const [url, source] of graph) {
    expect(source.includes(LEXICAL_SIGNATURE), `${url} is on the first screen's path and holds Lexical`).toBe(
      false,
    );
    expect(source.includes(ZOD_SIGNATURE), `${url} is on the first screen's path and holds zod`).toBe(false);
  }
  // The editor chunk is fetched once the newest draft opens, not beside the entry (no module preload).
  await expect(field(page, 'Headline')).toHaveValue('Newest story on the list');
  // index.html as served (Vite's import helper adds its own links to the live document when a chunk loads).
  const preloaded = await page.evaluate(async () => {
    const html = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    return [...html.querySelectorAll('link[rel="modulepreload"]')].map(
      (link) => new URL(link.getAttribute('href') ?? '', location.href).href,
    );
  });
  for (const url of preloaded)
    expect(graph.has(url), `${url} is preloaded outside the entry's graph`).toBe(true);
  const fetchedNow = await scriptsFetched(page);
  const lexicalChunks = [...new Set(fetchedNow)].filter((url) => !graph.has(url));
  expect(lexicalChunks.length, `scripts outside the entry's graph: ${fetchedNow.join(', ')}`).toBeGreaterThan(
    0,
  );
  const editorChunk = await page.evaluate(
    async ({ urls, signature }) => {
      for (const url of urls) if ((await (await fetch(url)).text()).includes(signature)) return url;
      return null;
    },
    { urls: lexicalChunks, signature: LEXICAL_SIGNATURE },
  );
  if (editorChunk === null) throw new Error('Lexical is in no chunk the page loaded outside the entry');
  const firstScreenBytes = [...graph.values()].reduce((sum, source) => sum + source.length, 0);
  const editorBytes = await page.evaluate(
    async (url) => (await (await fetch(url)).text()).length,
    editorChunk,
  );
  expect(firstScreenBytes, 'the first screen loads less script than the editor it leaves out').toBeLessThan(
    editorBytes,
  );

  // Opening a draft works at once: the newest opened on its own; switching to the older one and typing saves.
  await openDraft(page, 'Older story on the list');
  await body(page).click();
  await page.keyboard.type('Typed right after a cold start.');
  await expectSaved(page);
  await expect(body(page)).toContainText('Typed right after a cold start.');
});

test('the newest draft opens at start without the editor’s loading placeholder (no suspended pane held back)', async () => {
  const seeded = await launchApp();
  await newDraft(seeded.page);
  await field(seeded.page, 'Headline').fill('Opened at start');
  await expectSaved(seeded.page);
  expect(await seeded.close()).toBe(0);

  app = await launchApp({ dataDir: seeded.dataDir, shell: seeded.shell });
  const page = app.page;
  await expect(field(page, 'Headline')).toHaveValue('Opened at start');
  // From the reloaded document's start: did "Opening the editor…" ever appear before the body was editable?
  // A pane rendered through a suspended lazy component shows it, and React holds the reveal for up to 300 ms.
  const placeholderSeen = await watchForText(page, 'Opening the editor…', { fromNextDocument: true });
  await page.reload();
  await expect(field(page, 'Headline')).toHaveValue('Opened at start');
  await expect(body(page)).toHaveAttribute('contenteditable', 'true');
  expect(await placeholderSeen(), 'the editor’s loading placeholder was shown').toBe(false);
});

test('the first new draft on an empty desk opens without the editor’s loading placeholder', async () => {
  app = await launchApp();
  const page = app.page;
  const placeholderSeen = await watchForText(page, 'Opening the editor…');
  // Nothing is open yet, so the editor's chunk has not been loaded by this page.
  expect(await page.evaluate(() => document.querySelector('[aria-label="Article body"]'))).toBeNull();
  await newDraft(page);
  await expect(body(page)).toHaveAttribute('contenteditable', 'true');
  expect(await placeholderSeen(), 'the editor’s loading placeholder was shown').toBe(false);
});

test('COPYDESK_TRACE_STARTUP=1 prints where a browser shell cold start spends its time, in order', async () => {
  test.skip(process.env.COPYDESK_E2E_SHELL === 'electron', 'the startup trace belongs to the browser shell');
  const seeded = await launchApp();
  await newDraft(seeded.page);
  await field(seeded.page, 'Headline').fill('Traced story');
  await expectSaved(seeded.page);
  expect(await seeded.close()).toBe(0);
  if (seeded.shell !== 'browser') return;

  app = await launchApp({ dataDir: seeded.dataDir, shell: 'browser', env: { COPYDESK_TRACE_STARTUP: '1' } });
  await expect(body(app.page)).toBeVisible();
  const steps = (): Map<string, number> =>
    new Map(
      [...(app?.output() ?? '').matchAll(/^startup: (.+) (\d+) ms$/gm)].map((m) => [
        m[1] ?? '',
        Number(m[2]),
      ]),
    );
  await expect.poll(() => steps().has('body editable')).toBe(true);
  const at = steps();
  for (const step of [
    'services worker thread started',
    'launcher running',
    'chromium launched',
    'services ready',
    'page navigation started',
    'page loaded',
  ]) {
    expect(at.has(step), `the trace names "${step}"`).toBe(true);
  }
  // The services thread starts before the launcher has loaded playwright-core.
  expect(at.get('services worker thread started')).toBeLessThan(at.get('launcher running') ?? -1);
  expect(at.get('launcher running')).toBeLessThanOrEqual(at.get('chromium launched') ?? -1);
  // The list's first screenful is asked for before React's first render, so it is on its way while that runs.
  expect(at.get('page navigation started')).toBeLessThanOrEqual(at.get('first page requested') ?? -1);
  expect(at.get('first page requested')).toBeLessThanOrEqual(at.get('first list item painted') ?? -1);
  expect(at.get('first list item painted')).toBeLessThanOrEqual(at.get('body editable') ?? -1);
});
