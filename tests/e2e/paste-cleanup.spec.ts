// Paste cleanup in the real editor: Word, Google Docs and web page clipboard
// captures keep their structure and lose everything else, a note says what
// was removed, and the XSS corpus pasted case by case leaves nothing
// executable in the editor or the saved draft.
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, expectSaved, field, newDraft, readDatabase } from './support/desk';
import {
  GOOGLE_DOCS_CLIPBOARD_HTML,
  WEB_CLIPBOARD_HTML,
  WORD_CLIPBOARD_HTML,
} from '../fixtures/clipboardCaptures';
import { findExecutable, MARKDOWN_XSS_CORPUS, XSS_CORPUS } from '../fixtures/xss-corpus';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

async function paste(page: Page, html: string, plain = 'plain text'): Promise<void> {
  await body(page).click();
  await page.evaluate(
    ({ html, plain }) => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', html);
      transfer.setData('text/plain', plain);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
      );
    },
    { html, plain },
  );
}

function pasteNote(page: Page) {
  return page.getByRole('status', { name: 'Paste cleanup' });
}

async function start(headline: string): Promise<Page> {
  app = await launchApp();
  await newDraft(app.page);
  await field(app.page, 'Headline').fill(headline);
  return app.page;
}

test('Word: mso-list paragraphs become real lists; soft breaks and smart quotes are kept', async () => {
  const page = await start('From Word');
  await paste(page, WORD_CLIPBOARD_HTML);
  const editor = body(page);
  await expect(editor.getByRole('heading', { name: 'Ferry timetable' })).toBeVisible();
  await expect(editor).toContainText('The ferry is “back”, said the harbour’s master.');
  await expect(editor.locator('p br')).toHaveCount(1);
  const bullets = editor.locator('ul').first();
  await expect(bullets.locator(':scope > li')).toHaveCount(3); // two items and Lexical's holder of the nested list
  await expect(bullets.locator('ul li')).toHaveText(['Even at weekends']);
  await expect(editor.locator('ol > li')).toHaveText(['Board at the east quay', 'Show your pass']);
  await expect(editor).not.toContainText('·');
  await expect(editor.locator('a')).toHaveAttribute('href', 'https://example.org/ferry');
  await expect(pasteNote(page)).toHaveText(
    /^Pasted text cleaned\. Removed \d+ styles, 3 classes, 1 tracking link\.$/,
  );
  await page.screenshot({ path: test.info().outputPath('paste-word.png') });
});

test('Google Docs: the guid wrapper does not bolden everything; style spans become bold and italic', async () => {
  const page = await start('From Google Docs');
  await paste(page, GOOGLE_DOCS_CLIPBOARD_HTML);
  const editor = body(page);
  await expect(editor.getByRole('heading', { name: 'Night buses' })).toBeVisible();
  await expect(editor.locator('strong, b')).toHaveText(['nurses']);
  await expect(editor.locator('em, i')).toHaveText(['bakers']);
  await expect(editor.locator('ul > li')).toHaveText(['Route N1', 'Route N2']);
  await expect(editor.locator('a')).toHaveAttribute('href', 'https://example.org/buses?route=n1');
  await expect(pasteNote(page)).toContainText('1 tracking link');
});

test('a web page: structure kept, styles, classes, fonts, tracking, scripts, handlers, frames and forms dropped', async () => {
  const page = await start('From the web');
  await paste(page, WEB_CLIPBOARD_HTML);
  const editor = body(page);
  await expect(editor.getByRole('heading', { name: 'The numbers' })).toBeVisible();
  await expect(editor.locator('blockquote')).toContainText('Without the bus');
  await expect(editor.locator('a')).toHaveAttribute('href', 'https://example.org/data?year=2026');
  await expect(editor.locator('strong, b')).toHaveText(['A bold line from a style.']);
  await expect(editor.locator('script, form, input, iframe, font, [onclick]')).toHaveCount(0);
  await expect(editor).not.toContainText('Share this');
  await expect(editor).not.toContainText('Tweet');
  await expect(pasteNote(page)).toHaveText(
    'Pasted text cleaned. Removed 5 styles, 6 classes, 1 font, 1 tracking link, 1 script, 2 event handlers, 1 embedded frame, 3 form fields.',
  );
  await pasteNote(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('paste-web.png') });
  await expectSaved(page);
  const stored = readDatabase(app!.dataDir, (db) =>
    String(db.prepare('SELECT body_json FROM drafts WHERE headline = ?').pluck().get('From the web')),
  );
  expect(stored).not.toMatch(/utm_|gclid|__pasteRan|onclick|style=|class=/);
  expect(
    await page.evaluate(() => (window as unknown as { __pasteRan?: boolean }).__pasteRan),
  ).toBeUndefined();
});

test('the XSS corpus pasted case by case: nothing executable in the editor or the saved draft', async () => {
  test.setTimeout(120_000);
  const page = await start('Pasted corpus');
  for (const hostile of [...XSS_CORPUS, ...MARKDOWN_XSS_CORPUS]) {
    await paste(page, `<p>case ${hostile.id}</p>${hostile.html}`, `case ${hostile.id}`);
  }
  await expect(body(page)).toContainText(`case ${XSS_CORPUS[XSS_CORPUS.length - 1]!.id}`);
  expect(await body(page).evaluate(findExecutable)).toEqual([]);
  // Clicking every link that survived runs nothing either.
  for (const link of await body(page).locator('a').all())
    await link.click({ modifiers: [] }).catch(() => undefined);
  await expectSaved(page);
  expect(await page.evaluate(() => (window as unknown as { __xssRan?: number }).__xssRan)).toBeUndefined();
  const stored = readDatabase(app!.dataDir, (db) =>
    String(db.prepare('SELECT body_json FROM drafts WHERE headline = ?').pluck().get('Pasted corpus')),
  );
  // Payload words may stay as text (harmless); no node may carry them as a link, a source or markup.
  const known = new Set([
    'root',
    'paragraph',
    'text',
    'linebreak',
    'heading',
    'quote',
    'list',
    'listitem',
    'link',
    'horizontalrule',
  ]);
  const walk = (node: { type: string; url?: unknown; children?: unknown[] }): void => {
    expect(known.has(node.type), node.type).toBe(true);
    if (node.type === 'link') expect(String(node.url)).toMatch(/^(?:https?|mailto):/);
    (node.children as Array<typeof node> | undefined)?.forEach(walk);
  };
  walk((JSON.parse(stored) as { editorState: { root: { type: string } } }).editorState.root);
});
