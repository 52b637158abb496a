// What each keystroke leaves to later (docs/architecture.md, "Typing: what a
// keystroke costs"): the word count is recounted per changed block when the
// page is idle, and the autosave serializes per changed block and sends a
// long body in chunks. Both must stay right: the count after typing,
// pasting, deleting, undo and redo, and a save within the autosave's
// maximum wait while typing never pauses in a long draft.
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { MOD, body, expectSaved, field, newDraft, readDatabase } from './support/desk';
import { seededRandom } from '../support/seededRandom';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

/** The count under the body, as the editor reads it ("12 words · 1 min read"). */
function wordCount(page: Page) {
  return page.getByText(/ words? · /);
}

async function paste(page: Page, paragraphs: string[]): Promise<void> {
  await page.evaluate((texts) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', texts.join('\n\n'));
    transfer.setData('text/html', texts.map((text) => `<p>${text}</p>`).join(''));
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
    );
  }, paragraphs);
}

test('the word count follows typing, pasting, deleting, undo and redo', async () => {
  app = await launchApp();
  const { page } = app;
  console.log(`shell: ${app.shell}`);
  await newDraft(page);
  await field(page, 'Headline').fill('Counting words');
  await body(page).click();

  await page.keyboard.type('one two three');
  await expect(wordCount(page)).toHaveText(/^3 words · /);
  await page.keyboard.press('Enter');
  await page.keyboard.type('four five');
  await expect(wordCount(page)).toHaveText(/^5 words · /);

  await page.keyboard.type(' ');
  await paste(page, ['six seven', 'eight nine ten eleven']);
  await expect(wordCount(page)).toHaveText(/^11 words · /);

  // Delete the last word.
  for (let i = 0; i < 'eleven'.length; i += 1) await page.keyboard.press('Backspace');
  await expect(wordCount(page)).toHaveText(/^10 words · /);

  await page.keyboard.press(`${MOD}+z`);
  await expect(wordCount(page)).toHaveText(/^11 words · /);
  // Undo the paste: the blocks it added and the one it changed are counted again.
  await page.keyboard.press(`${MOD}+z`);
  await expect(wordCount(page)).toHaveText(/^5 words · /);
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Shift+z' : 'Control+y');
  await expect(wordCount(page)).toHaveText(/^11 words · /);
});

test('a long draft is stored within a second while typing never pauses', async () => {
  test.setTimeout(120_000);
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  const headline = 'Long draft typed without a pause';
  await field(page, 'Headline').fill(headline);
  // ~15,000 words: the body's JSON is well over the 64K characters above which the browser
  // shell sends it in chunks, so each save here is a chunked one.
  const random = seededRandom(11);
  const syllables = ['ka', 'lo', 'mer', 'sti', 'van', 'dro', 'pel', 'tu', 'ris', 'no'];
  const word = (): string =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 10)]).join('');
  const paragraphs = Array.from({ length: 190 }, () => Array.from({ length: 80 }, word).join(' '));
  await body(page).click();
  await paste(page, paragraphs);
  await expect(wordCount(page)).toHaveText(/^15,200 words · /);
  await expectSaved(page);
  await page.keyboard.press(`${MOD}+End`);

  // Type without a pause, each key stamped once the page has it.
  const typed: Array<{ text: string; at: number }> = [];
  let stop = false;
  const typing = (async () => {
    for (let i = 0; !stop; i += 1) {
      const char = ` zq${i}`[i % 4] ?? ' ';
      await page.keyboard.type(char);
      typed.push({ text: char, at: Date.now() });
    }
  })();
  const stored = (): string =>
    readDatabase(app!.dataDir, (db) =>
      String(db.prepare('SELECT body_text FROM drafts WHERE headline = ?').pluck().get(headline) ?? ''),
    );
  // After 2.5 s of typing, while it goes on, everything typed more than a second ago is stored.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const checkedAt = Date.now();
  const text = stored();
  const older = typed
    .filter((key) => key.at < checkedAt - 1_000)
    .map((key) => key.text)
    .join('');
  stop = true;
  await typing;
  expect(older.length).toBeGreaterThan(10);
  expect(text.replace(/\s+/g, ' ')).toContain(older.replace(/\s+/g, ' ').trimEnd());

  await expectSaved(page);
  expect(stored().replace(/\s+/g, ' ')).toContain(
    typed
      .map((key) => key.text)
      .join('')
      .replace(/\s+/g, ' ')
      .trimEnd(),
  );
});
