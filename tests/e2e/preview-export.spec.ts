// Preview and export end to end: the preview frame holds the rendered article,
// is sandboxed (sandbox="", no script runs even for a hostile headline), has a
// mobile width; each export writes its file where the dialog says.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { makePng } from '../fixtures/makeImages';
import { body, expectSaved, field, newDraft } from './support/desk';
import { launchApp, type LaunchedApp } from './support/launchApp';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

const HOSTILE = `Tide <img src=x onerror="window.top.__pwned=1"><script>window.top.__pwned=2</script> report`;

async function writeArticle(page: Page, headline: string): Promise<void> {
  await newDraft(page);
  await field(page, 'Headline').fill(headline);
  await field(page, 'Standfirst').fill('Boats stayed in the harbour all week.');
  await body(page).click();
  await page.keyboard.type('The storm passed before dawn and the quays reopened.');
  await expectSaved(page);
}

test('preview shows the rendered article in a sandboxed frame where no script runs, at desktop and mobile width', async () => {
  app = await launchApp();
  const { page } = app;
  await page.evaluate(() => ((window as unknown as Record<string, unknown>).__pwned = 0));
  await writeArticle(page, HOSTILE);

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preview' });
  const frameElement = dialog.locator('iframe[title="Article preview"]');
  await expect(frameElement).toBeVisible();
  await expect(frameElement).toHaveAttribute('sandbox', '');
  expect(await frameElement.getAttribute('srcdoc')).toContain('Content-Security-Policy');

  const frame = dialog.frameLocator('iframe[title="Article preview"]');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(HOSTILE);
  await expect(frame.getByText('The storm passed before dawn and the quays reopened.')).toBeVisible();
  await expect(frame.locator('script, img[src="x"]')).toHaveCount(0);
  // The publish renderer's stylesheet applies (the app CSP allows it by hash).
  await expect(frame.locator('main')).toHaveCSS('max-width', '672px');

  await expect(frameElement).toHaveJSProperty('offsetWidth', 1024);
  await dialog.getByRole('radio', { name: 'Mobile' }).check();
  await expect(frameElement).toHaveJSProperty('offsetWidth', 375);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).toBe(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('each export writes its file into the folder the dialog names', async () => {
  app = await launchApp();
  const { page, dataDir } = app;
  await writeArticle(page, 'Harbour reopens after the storm');
  // A figure, so the HTML and Markdown exports carry an image beside them.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image', exact: true }).click();
  await (await chooser).setFiles({ name: 'quay.png', mimeType: 'image/png', buffer: makePng(48, 32) });
  const figure = page.getByRole('figure');
  await figure.getByRole('textbox', { name: 'Caption' }).fill('The quay at first light');
  await figure.getByRole('textbox', { name: 'Credit' }).fill('Ana Lind/Coast Agency');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const exportsDir = join(dataDir, 'Copydesk Exports');
  await expect(dialog).toContainText(exportsDir);
  const folder = join(exportsDir, 'harbour-reopens-after-the-storm');

  for (const [label, file] of [
    ['Export HTML', 'harbour-reopens-after-the-storm.html'],
    ['Export Markdown', 'harbour-reopens-after-the-storm.md'],
    ['Export Word (.docx)', 'harbour-reopens-after-the-storm.docx'],
  ] as const) {
    await dialog.getByRole('button', { name: label }).click();
    await expect(dialog.getByRole('status')).toContainText(join(folder, file));
    expect(existsSync(join(folder, file))).toBe(true);
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  const html = readFileSync(join(folder, 'harbour-reopens-after-the-storm.html'), 'utf8');
  expect(html).toContain('<h1>Harbour reopens after the storm</h1>');
  expect(html).toContain('The quay at first light');
  const images = readdirSync(join(folder, 'images'));
  expect(images).toHaveLength(1);
  expect(html).toContain(`src="images/${images[0]}"`);
  const markdown = readFileSync(join(folder, 'harbour-reopens-after-the-storm.md'), 'utf8');
  expect(markdown).toMatch(/^---\n[\s\S]*headline: Harbour reopens after the storm\n/);
  expect(markdown).toContain('*The quay at first light* Photo: Ana Lind/Coast Agency');
  expect(readFileSync(join(folder, 'harbour-reopens-after-the-storm.docx')).subarray(0, 2).toString()).toBe(
    'PK',
  );
});
