// Import through the real UI: the "Import" button's file picker and a drop on
// the drafts list, for a .docx, a saved web page (with and without its
// `_files` folder), Markdown, bad input and the XSS corpus.
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, draftsList, field, readDatabase } from './support/desk';
import {
  buildContributorDocx,
  buildMarkdown,
  buildSavedPage,
  DOCX_TEXT,
  MARKDOWN_TEXT,
  PAGE_TEXT,
} from '../fixtures/importFixtures';
import { makePng } from '../fixtures/makeImages';
import { corpusAsArticleHtml, findExecutable } from '../fixtures/xss-corpus';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

const file = (
  name: string,
  content: Uint8Array | string,
  mimeType = 'application/octet-stream',
): FilePayload => ({
  name,
  mimeType,
  buffer: Buffer.from(typeof content === 'string' ? new TextEncoder().encode(content) : content),
});

async function pickFiles(page: Page, files: FilePayload[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** Drops files on the drafts list as the OS would; `padToBytes` pads each file with spaces, made in the page. */
async function dropOnDraftsList(page: Page, files: FilePayload[], padToBytes = 0): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
  await page.getByRole('navigation', { name: 'Drafts panel' }).evaluate(
    (panel, { items, padToBytes }) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
        const parts: BlobPart[] = [bytes];
        if (padToBytes > bytes.length) parts.push(new Uint8Array(padToBytes - bytes.length).fill(32));
        transfer.items.add(new File(parts, item.name, { type: item.type }));
      }
      const box = panel.getBoundingClientRect();
      const at = {
        clientX: box.left + 40,
        clientY: box.top + 200,
        bubbles: true,
        cancelable: true,
        dataTransfer: transfer,
      };
      panel.dispatchEvent(new DragEvent('dragover', at));
      panel.dispatchEvent(new DragEvent('drop', at));
    },
    { items: payload, padToBytes },
  );
}

function reportDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Import report' });
}

async function closeReport(page: Page): Promise<void> {
  await reportDialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(reportDialog(page)).toHaveCount(0);
}

test('a Word document through "Import" becomes an open draft with its figure, a first revision and a report', async () => {
  app = await launchApp();
  const { page } = app;
  await pickFiles(page, [file('ferry.docx', await buildContributorDocx())]);

  const dialog = reportDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('“Imported from ferry.docx”');
  await expect(dialog).toContainText('1 × comment');
  await expect(dialog).toContainText('1 tracked insertion accepted');
  await page.screenshot({ path: test.info().outputPath('import-report.png') });
  await closeReport(page);

  await expect(field(page, 'Headline')).toHaveValue(DOCX_TEXT.headline);
  await expect(field(page, 'Byline')).toHaveValue(DOCX_TEXT.byline);
  await expect(field(page, 'Byline role')).toHaveValue(DOCX_TEXT.role);
  await expect(draftsList(page)).toContainText(DOCX_TEXT.headline);
  await expect(body(page).getByRole('heading', { name: DOCX_TEXT.subhead })).toBeVisible();
  await expect(body(page).locator('strong, b').filter({ hasText: 'on time' })).toHaveCount(1);
  await expect(body(page).locator('a[href="https://example.org/timetable?day=mon"]')).toHaveText(
    DOCX_TEXT.link,
  );
  const figure = page.getByRole('figure');
  await expect(figure.getByRole('textbox', { name: 'Caption' })).toHaveValue(DOCX_TEXT.caption);
  await expect(figure.getByRole('textbox', { name: 'Credit' })).toHaveValue(DOCX_TEXT.credit);
  await expect(figure.getByRole('textbox', { name: 'Alt text' })).toHaveValue(DOCX_TEXT.alt);
  await expect(body(page)).not.toContainText(DOCX_TEXT.comment);
  await body(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('imported-docx.png') });

  // The report can be reopened from the open draft.
  await page.getByRole('button', { name: 'Import report' }).click();
  await expect(reportDialog(page)).toContainText('ferry.docx');
  await closeReport(page);

  // Its History begins with one version, "Imported from ferry.docx".
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('dialog', { name: 'History' });
  const versions = history.getByRole('list', { name: 'Revisions' }).getByRole('button');
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText('Imported from ferry.docx');
});

test('a saved web page with its _files images: fields filled, furniture gone, figures credited', async () => {
  app = await launchApp();
  const { page } = app;
  // Set the spam list the pre-publish check uses.
  await page.evaluate(
    (domain) =>
      (
        window as unknown as { copydesk: { invoke(c: string, i: unknown): Promise<unknown> } }
      ).copydesk.invoke('publish:saveSettings', { spamDomains: [domain] }),
    PAGE_TEXT.spamDomain,
  );
  const page1 = buildSavedPage();
  await pickFiles(page, [
    file('night-buses.html', page1.html, 'text/html'),
    ...Object.entries(page1.files).map(([path, bytes]) => file(path.split('/').pop()!, bytes)),
  ]);
  await expect(reportDialog(page)).toContainText('link to a spam domain');
  await expect(reportDialog(page)).toContainText('tracking pixel');
  await expect(reportDialog(page)).toContainText('Original date: 26 February 2026');
  await closeReport(page);

  await expect(field(page, 'Headline')).toHaveValue(PAGE_TEXT.headline);
  await expect(field(page, 'Kicker')).toHaveValue(PAGE_TEXT.kicker);
  await expect(field(page, 'Standfirst')).toHaveValue(PAGE_TEXT.standfirst);
  await expect(field(page, 'Byline')).toHaveValue(PAGE_TEXT.byline);
  await expect(field(page, 'Byline role')).toHaveValue(PAGE_TEXT.role);
  await expect(page.getByRole('combobox', { name: 'Article type' })).toHaveValue('opinion');
  const lead = page.getByRole('group', { name: 'Lead image' });
  await expect(lead.getByRole('textbox', { name: 'Caption' })).toHaveValue(PAGE_TEXT.leadCaption);
  await expect(lead.getByRole('textbox', { name: 'Credit' })).toHaveValue(PAGE_TEXT.leadCredit);
  await expect(page.getByRole('figure').getByRole('textbox', { name: 'Credit' }).last()).toHaveValue(
    PAGE_TEXT.figureCredit,
  );
  await expect(body(page)).toContainText(PAGE_TEXT.firstParagraph);
  for (const gone of [
    PAGE_TEXT.spamText,
    PAGE_TEXT.hiddenText,
    PAGE_TEXT.relatedText,
    PAGE_TEXT.newsletterText,
    PAGE_TEXT.captcha,
    PAGE_TEXT.tweetText,
  ]) {
    await expect(page.locator('main')).not.toContainText(gone);
  }
  // Both images arrived: no figure is waiting for its file.
  const missing = await page.evaluate(async (headline) => {
    const bridge = (
      window as unknown as {
        copydesk: {
          invoke(
            c: string,
            i: unknown,
          ): Promise<{ ok: boolean; value: { drafts: Array<{ id: string; headline: string }> } }>;
        };
      }
    ).copydesk;
    const list = await bridge.invoke('drafts:list', {});
    const id = list.value.drafts.find((d) => d.headline === headline)!.id;
    const report = (await bridge.invoke('import:report', { draftId: id })) as unknown as {
      value: { report: { needsLook: Array<{ kind: string }> } };
    };
    return report.value.report.needsLook.filter((i) => i.kind === 'missing-image').length;
  }, PAGE_TEXT.headline);
  expect(missing).toBe(0);
  await page.screenshot({ path: test.info().outputPath('imported-page.png'), fullPage: true });
});

test('a web page without its _files folder keeps figures that ask for their files', async () => {
  app = await launchApp();
  const { page } = app;
  await pickFiles(page, [file('night-buses.html', buildSavedPage().html, 'text/html')]);
  await expect(reportDialog(page)).toContainText('“lead-bus.jpg” was not among the imported files');
  await expect(reportDialog(page)).toContainText('use Replace on it');
  await closeReport(page);
  await expect(
    page.getByRole('group', { name: 'Lead image' }).getByRole('textbox', { name: 'Caption' }),
  ).toHaveValue(PAGE_TEXT.leadCaption);
  await expect(page.getByRole('figure').getByRole('textbox', { name: 'Caption' }).last()).toHaveValue(
    PAGE_TEXT.figureCaption,
  );
});

test('Markdown dropped on the drafts list becomes a draft with its front matter fields', async () => {
  app = await launchApp();
  const { page } = app;
  await dropOnDraftsList(page, [
    file('plots.md', buildMarkdown(), 'text/markdown'),
    file('plot.png', makePng(30, 20), 'image/png'),
  ]);
  await expect(reportDialog(page)).toContainText('plots.md');
  await closeReport(page);
  await expect(field(page, 'Headline')).toHaveValue(MARKDOWN_TEXT.headline);
  await expect(field(page, 'Standfirst')).toHaveValue(MARKDOWN_TEXT.standfirst);
  await expect(body(page).getByRole('heading', { name: 'Why it fell' })).toBeVisible();
  await expect(page.getByRole('figure').getByRole('textbox', { name: 'Credit' })).toHaveValue('Nell Ashby');
});

test('bad input gets a clear message and creates nothing', async () => {
  app = await launchApp();
  const { page } = app;
  const docx = await buildContributorDocx();
  await pickFiles(page, [file('cut.docx', docx.subarray(0, 2000))]);
  await expect(page.getByRole('alert')).toContainText('“cut.docx” is damaged');
  await pickFiles(page, [file('report.docx', new TextEncoder().encode('%PDF-1.7\n%%EOF'))]);
  await expect(page.getByRole('alert')).toContainText('it is a PDF');
  // A 50 MB page is refused before it is even sent.
  // (Made in the page: Playwright does not send files over 50 MB to a browser it attached to.)
  await dropOnDraftsList(page, [file('huge.html', '<!doctype html><p>', 'text/html')], 50 * 1024 * 1024);
  await expect(page.getByRole('alert')).toContainText(
    '“huge.html” is 50 MB; Copydesk imports web pages and Markdown files up to 10 MB',
  );
  await pickFiles(page, [file('notes.txt', 'hello')]);
  await expect(page.getByRole('alert')).toContainText(
    'Copydesk imports Word documents (.docx), saved web pages (.html) and Markdown (.md)',
  );
  expect(readDatabase(app.dataDir, (db) => db.prepare('SELECT count(*) AS n FROM drafts').get())).toEqual({
    n: 0,
  });
});

test('the XSS corpus imported as a web page leaves nothing executable in the editor', async () => {
  app = await launchApp();
  const { page } = app;
  await pickFiles(page, [file('corpus.html', corpusAsArticleHtml(), 'text/html')]);
  await closeReport(page);
  await expect(field(page, 'Headline')).toHaveValue('XSS corpus');
  await expect(body(page)).toContainText('after img-onerror');
  // The figures' own controls (Caption, Credit, Alt text, Replace…) are the app's; everything else is imported content.
  const found = await body(page).evaluate((element, source) => {
    const check = new Function(`return (${source})`)() as (root: ParentNode) => string[];
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('.image-figure-block').forEach((figure) => figure.remove());
    return check(copy);
  }, findExecutable.toString());
  expect(found).toEqual([]);
  expect(await page.getByRole('figure').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __xssRan?: number }).__xssRan)).toBeUndefined();
});

test('a long Markdown file (sent in chunks by the browser shell) imports whole', async () => {
  app = await launchApp();
  const { page } = app;
  const paragraphs = Array.from(
    { length: 1500 },
    (_, i) => `Paragraph ${i + 1} ${'of a very long report '.repeat(20)}`,
  );
  const markdown = `---\ntitle: A very long report\n---\n\n${paragraphs.join('\n\n')}\n\nThe last paragraph.\n`;
  expect(markdown.length).toBeGreaterThan(600 * 1024);
  await pickFiles(page, [file('long.md', markdown, 'text/markdown')]);
  await expect(reportDialog(page)).toContainText('1,501 paragraphs');
  await closeReport(page);
  await expect(field(page, 'Headline')).toHaveValue('A very long report');
  await expect(body(page)).toContainText('The last paragraph.');
});
