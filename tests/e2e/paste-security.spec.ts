import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, expectSaved, field, newDraft, readDatabase } from './support/desk';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

const HOSTILE_HTML = [
  '<p>Safe opening paragraph.</p>',
  '<script>window.__pwned = "script"</script>',
  '<p><img src="x" onerror="window.__pwned = \'onerror\'">After the image.</p>',
  '<p><a href="javascript:window.__pwned = \'href\'">a javascript link</a></p>',
  '<p><a href="https://example.org/ok" onclick="window.__pwned = \'onclick\'">a good link</a></p>',
  '<iframe src="https://example.org/frame"></iframe>',
].join('');

test('pasted <script>, onerror= and javascript: links neither run nor survive into the saved draft', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Paste from the web');
  await body(page).click();
  await page.evaluate((html) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', html);
    transfer.setData('text/plain', 'Safe opening paragraph.');
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
    );
  }, HOSTILE_HTML);

  await expect(body(page)).toContainText('Safe opening paragraph.');
  await expect(body(page)).toContainText('a javascript link');
  await expect(body(page).locator('a[href="https://example.org/ok"]')).toHaveText('a good link');
  await expect(body(page).locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(body(page).locator('script, iframe, [onerror], [onclick]')).toHaveCount(0);
  // Clicking the text where the javascript: link was must run nothing either.
  await body(page).getByText('a javascript link').click();
  await expectSaved(page);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();

  const stored = readDatabase(
    app.dataDir,
    (db) =>
      (
        db.prepare('SELECT body_json FROM drafts WHERE headline = ?').get('Paste from the web') as {
          body_json: string;
        }
      ).body_json,
  );
  expect(stored).toContain('Safe opening paragraph.');
  expect(stored).toContain('https://example.org/ok');
  for (const bad of ['<script', 'onerror', 'onclick', 'javascript:', '__pwned', 'iframe']) {
    expect(stored, `saved draft contains ${bad}`).not.toContain(bad);
  }
});
