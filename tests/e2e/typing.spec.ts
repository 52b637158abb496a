// What each keystroke leaves to later (docs/architecture.md, "Typing: what a
// keystroke costs"): the word count is recounted per changed block when the
// page is idle, and the autosave serializes per changed block and sends only
// the blocks changed since its last save (src-shared/bodyPatch.ts). All must
// stay right: the count after typing, pasting, deleting, undo and redo; a
// save within the autosave's maximum wait while typing never pauses in a long
// draft; and, after edits in many places, the stored text is the text on
// screen.
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { MOD, body, expectSaved, field, newDraft, openDraft, readDatabase } from './support/desk';
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
  // ~15,000 words: the first save sends the body whole (in the browser shell, in 64K chunks);
  // each save while typing then sends the paragraph typed in.
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

test('a long draft edited in many places reopens after a crash with exactly the text that was on screen', async () => {
  test.setTimeout(120_000);
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  const headline = 'Edited here and there';
  await field(page, 'Headline').fill(headline);
  const random = seededRandom(23);
  const words = ['harbour', 'ferry', 'council', 'tide', 'quay', 'winter', 'timetable', 'crossing'];
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    [`Paragraph ${i}:`, ...Array.from({ length: 40 }, () => words[Math.floor(random() * words.length)])].join(
      ' ',
    ),
  );
  await body(page).click();
  await paste(page, paragraphs);
  await expectSaved(page);
  const paragraph = (index: number) => body(page).locator('p').nth(index);

  // Each edit is saved before the next, so each save is a patch on the one before.
  await paragraph(10).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Typed at the end of paragraph ten.');
  await expectSaved(page);
  await paragraph(45).click();
  await page.keyboard.press('Home');
  await page.keyboard.type('Typed before paragraph forty-five. ');
  await expectSaved(page);
  // A selection across three paragraphs, deleted: blocks leave the middle.
  await paragraph(20).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Backspace');
  await expectSaved(page);
  // Blocks arrive in the middle, then the first is typed into and one is split.
  await paragraph(5).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await paste(page, ['Pasted one.', 'Pasted two.', 'Pasted three.']);
  await expectSaved(page);
  await paragraph(0).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' First paragraph, changed.');
  await paragraph(30).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expectSaved(page);
  // Undo takes the split back: a whole state set, not a keystroke.
  await page.keyboard.press(`${MOD}+z`);
  await expectSaved(page);
  // The last paragraph goes, two edits far apart land in one save.
  await paragraph(-1).click();
  await page.keyboard.press(`${MOD}+End`);
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await paragraph(2).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Near the top.');
  // Stored, not only shown as saved: the status could still show the save before these keys.
  await expect
    .poll(() =>
      readDatabase(app!.dataDir, (db) =>
        String(db.prepare('SELECT body_text FROM drafts WHERE headline = ?').pluck().get(headline) ?? ''),
      ),
    )
    .toContain('Near the top.');
  await expectSaved(page);

  // Block by block (innerText would leave out the blocks off screen, which are not rendered).
  const blocksOf = (p: Page) => body(p).locator(':scope > *').allTextContents();
  const onScreen = await blocksOf(page);
  expect(onScreen).toContain('Pasted two.');
  expect(onScreen).not.toContain(paragraphs[59]);
  await app.kill();
  app = await launchApp({ dataDir: app.dataDir, shell: app.shell });
  await openDraft(app.page, headline);
  await expect(body(app.page)).toContainText('Near the top.');
  expect(await blocksOf(app.page)).toEqual(onScreen);
});

test('Ctrl+End, Ctrl+Home and their Shift selections reach the very end and start of a long draft', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('From end to end');
  // Long enough that most blocks are off screen and not rendered (content-visibility in editor.css).
  const paragraphs = Array.from(
    { length: 80 },
    (_, i) => `Paragraph ${i} ${'of the long article, '.repeat(12)}ends here.`,
  );
  await body(page).click();
  await paste(page, paragraphs);
  await expectSaved(page);
  const blocks = body(page).locator(':scope > *');
  const first = blocks.first();
  const last = blocks.last();

  await first.click();
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+ArrowDown' : 'Control+End');
  await page.keyboard.type(' The very end.');
  await expect(last).toHaveText(`${paragraphs[79]} The very end.`);
  await expect(last).toBeInViewport();

  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+ArrowUp' : 'Control+Home');
  await page.keyboard.type('The very start. ');
  await expect(first).toHaveText(`The very start. ${paragraphs[0]}`);
  await expect(first).toBeInViewport();

  // From the end, select to the start and type over everything.
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+ArrowDown' : 'Control+End');
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Shift+ArrowUp' : 'Control+Shift+Home');
  await page.keyboard.type('All replaced.');
  await expect(body(page)).toHaveText('All replaced.');

  // Long text again; from the start, select to the end and delete everything.
  await page.keyboard.press('Enter');
  await paste(page, paragraphs);
  await expect(blocks).toHaveCount(81);
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+ArrowUp' : 'Control+Home');
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Shift+ArrowDown' : 'Control+Shift+End');
  await page.keyboard.press('Backspace');
  await expect(body(page)).toHaveText('');
});
