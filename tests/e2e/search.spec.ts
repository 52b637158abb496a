// Search drafts and the paged drafts list, through the real UI's accessible names.
import { expect, test, type Page } from '@playwright/test';
import { emptyBodyJson } from '../../src-shared/body';
import { openDatabase } from '../../src-main/services/store/openDatabase';
import { makePng } from '../fixtures/makeImages';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, draftsList, expectSaved, field, newDraft, openDraft } from './support/desk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search drafts' });
const items = (page: Page) => draftsList(page).getByRole('listitem');
/** Headlines of the list's rows as shown, top to bottom. */
const shownHeadlines = (page: Page) => draftsList(page).locator('.draft-item-headline').allTextContents();

async function search(page: Page, text: string, expected: string[]): Promise<void> {
  await searchBox(page).fill(text);
  await expect.poll(() => shownHeadlines(page).then((h) => [...h].sort())).toEqual([...expected].sort());
}

async function writeDraft(page: Page, headline: string, text: string): Promise<void> {
  await newDraft(page);
  await field(page, 'Headline').fill(headline);
  await body(page).click();
  await page.keyboard.type(text);
  await expectSaved(page);
}

test('finds drafts by an image credit, prefixes and phrases, filters them, and follows edit, delete and restore', async () => {
  app = await launchApp();
  const { page } = app;

  // A: the word "Quillfeather" is only in its figure's credit.
  await writeDraft(page, 'Harbour ferries return', 'The harbour reopens on Monday after repairs.');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image', exact: true }).click();
  await (await chooser).setFiles({ name: 'quay.png', mimeType: 'image/png', buffer: makePng(40, 30) });
  const figure = page.getByRole('figure').first();
  await figure.getByRole('textbox', { name: 'Caption', exact: true }).fill('Boats at the quay');
  await figure.getByRole('textbox', { name: 'Credit', exact: true }).fill('Ansel Quillfeather/Agency');
  await figure.getByRole('textbox', { name: 'Alt text', exact: true }).fill('Two ferries moored');
  await expectSaved(page);

  // B: an opinion piece that mentions the harbour, not as a phrase with "reopens".
  await writeDraft(
    page,
    'Council budget vote',
    'The council argued about the harbour budget and who reopens it.',
  );
  await page.getByRole('combobox', { name: 'Article type' }).selectOption('opinion');
  await expectSaved(page);
  await writeDraft(page, 'Library wins award', 'Nothing about boats.');

  // Credit only: found, with the credit's word marked in the snippet.
  await search(page, 'quillfeather', ['Harbour ferries return']);
  await expect(items(page).first().locator('mark')).toHaveText(['Quillfeather']);
  await expect(items(page).first()).toContainText('Ansel Quillfeather/Agency');

  // Prefix and phrase.
  await search(page, 'quillf*', ['Harbour ferries return']);
  await search(page, 'harbour', ['Harbour ferries return', 'Council budget vote']);
  await search(page, '"harbour reopens"', ['Harbour ferries return']);

  // A filter narrows the search; clearing it widens it again.
  await search(page, 'harbour', ['Harbour ferries return', 'Council budget vote']);
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByRole('combobox', { name: 'Filter by article type' }).selectOption('opinion');
  await expect.poll(() => shownHeadlines(page)).toEqual(['Council budget vote']);
  await page.screenshot({ path: test.info().outputPath('filters.png') });
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => shownHeadlines(page).then((h) => h.length)).toBe(2);

  // Keyboard: Arrow Down from the search box into the results, Enter opens.
  // (The draft open now is "Library wins award", the last one written.)
  await search(page, 'quillfeather', ['Harbour ferries return']);
  await searchBox(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(field(page, 'Headline')).toHaveValue('Harbour ferries return');

  // Edit: the results follow. B gains the word, A loses it.
  await search(page, '', ['Harbour ferries return', 'Council budget vote', 'Library wins award']);
  await openDraft(page, 'Council budget vote');
  await search(page, 'quillfeather', ['Harbour ferries return']);
  await body(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Photo by Quillfeather.');
  await expectSaved(page);
  await expect
    .poll(() => shownHeadlines(page).then((h) => [...h].sort()))
    .toEqual(['Council budget vote', 'Harbour ferries return']);
  await openDraft(page, 'Harbour ferries return');
  await page
    .getByRole('figure')
    .first()
    .getByRole('textbox', { name: 'Credit', exact: true })
    .fill('Staff photographer');
  await expectSaved(page);
  await expect.poll(() => shownHeadlines(page)).toEqual(['Council budget vote']);

  // Delete and restore: it leaves the results and comes back.
  await openDraft(page, 'Council budget vote');
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await expect(items(page)).toHaveCount(0);
  await expect(draftsList(page).locator('..')).toContainText('No drafts match “quillfeather”.');
  await page.getByRole('button', { name: 'Trash' }).click();
  await page.getByRole('button', { name: 'Restore' }).first().click();
  await page.getByRole('button', { name: 'Back to drafts' }).click();
  await expect(searchBox(page)).toHaveValue('quillfeather');
  await expect.poll(() => shownHeadlines(page)).toEqual(['Council budget vote']);

  await page.screenshot({ path: test.info().outputPath('search.png') });
});

test('a 10,000-draft list paints its first screenful first and loads more as it scrolls', async () => {
  const DRAFTS = 10_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-e2e-list-'));
  // Seeded straight into the database before launch, as a long-used desk would be.
  const db = openDatabase(join(dataDir, 'copydesk.sqlite'));
  const insert = db.prepare(
    `INSERT INTO drafts (id, headline, body_json, body_text, word_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, 4, ?, ?)`,
  );
  const base = Date.now() - DRAFTS * 1000;
  db.transaction(() => {
    for (let i = 1; i <= DRAFTS; i += 1) {
      const n = String(i).padStart(5, '0');
      insert.run(
        `seeded-${n}`,
        `Seeded draft ${n}`,
        emptyBodyJson(),
        `Body of draft ${n}`,
        base,
        base + i * 1000,
      );
    }
  })();
  db.close();

  app = await launchApp({ dataDir });
  const { page } = app;
  const list = draftsList(page);
  await expect(items(page).first()).toContainText('Seeded draft 10000');
  // The app opens the newest draft by itself once the editor's chunk has loaded; the keyboard walk through
  // the list below starts after that, so it does not race the start-up open.
  await expect(field(page, 'Headline')).toHaveValue('Seeded draft 10000');
  // The renderer holds (and so received) one screenful, not the 10,000.
  const firstLoaded = Number(await list.getAttribute('data-loaded'));
  expect(firstLoaded).toBeGreaterThan(5);
  expect(firstLoaded).toBeLessThanOrEqual(Math.ceil((page.viewportSize()?.height ?? 1080) / 76) + 8);
  await expect(items(page).nth(1)).toContainText('Seeded draft 09999');

  // Through the channel itself: a page is the rows asked for, and says where the next one starts.
  const page20 = await page.evaluate(() => window.copydesk.invoke('drafts:list', { limit: 20 }));
  expect(page20.ok).toBe(true);
  const value = (page20 as { ok: true; value: { drafts: { id: string }[]; next: unknown } }).value;
  expect(value.drafts).toHaveLength(20);
  expect(value.next).toEqual({ at: base + (DRAFTS - 19) * 1000, id: 'seeded-09981' });

  // Moving to the end of what is loaded (End in the list) asks for more, a page at a time.
  const loadedNow = async () => Number(await list.getAttribute('data-loaded'));
  const activeRow = () =>
    page.evaluate(() => {
      const row = document.activeElement?.closest('li');
      return { position: Number(row?.getAttribute('aria-posinset') ?? 0), text: row?.textContent ?? '' };
    });
  await list.getByRole('button').first().focus();
  let loaded = firstLoaded;
  for (let round = 0; round < 3; round += 1) {
    await page.keyboard.press('End');
    await expect.poll(activeRow).toMatchObject({ position: loaded });
    await expect.poll(loadedNow).toBeGreaterThan(loaded);
    loaded = await loadedNow();
  }
  expect(loaded).toBeLessThan(DRAFTS);
  // The pages join in order without gaps or repeats: row n is the n-th newest draft.
  await page.keyboard.press('End');
  await expect.poll(async () => (await activeRow()).position).toBeGreaterThanOrEqual(loaded);
  const active = await activeRow();
  expect(active.text).toContain(`Seeded draft ${String(DRAFTS - active.position + 1).padStart(5, '0')}`);
});
