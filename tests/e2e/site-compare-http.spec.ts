// "Compare with the site before updating" for an HTTP JSON target, through the
// Publish dialog: the real HTTP JSON test server (tests/support/faultServer.ts)
// runs in the test on 127.0.0.1, so this runs everywhere (no WordPress needed).
// Someone edits the article "on the site" (editOnSite: what GET <endpoint>/<id>
// then answers); the dialog shows their changes and asks; a site whose reply
// cannot be compared is said so and does not hold the update back.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startFaultServer, type FaultServer } from '../support/faultServer';
import { body, expectSaved, field, newDraft, readDatabase } from './support/desk';
import { launchApp, type LaunchedApp } from './support/launchApp';

let app: LaunchedApp | undefined;
let server: FaultServer | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
  await server?.close();
  server = undefined;
});

const TARGET = 'Newsroom API (HTTP JSON)';
const publishDialog = (page: Page) => page.getByRole('dialog', { name: 'Publish', exact: true });
const currentJob = (page: Page) => publishDialog(page).getByRole('region', { name: 'Publishing progress' });

async function addHttpJsonTarget(page: Page, endpoint: string, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish targets' }).click();
  const targets = page.getByRole('dialog', { name: 'Publish targets' });
  await targets.getByRole('button', { name: 'Add target' }).click();
  await targets.getByRole('combobox', { name: 'Target kind' }).selectOption({ label: 'HTTP JSON' });
  await targets.getByRole('textbox', { name: 'Target name' }).fill('Newsroom API');
  await targets.getByRole('textbox', { name: 'Endpoint URL', exact: true }).fill(endpoint);
  await targets.getByLabel('Token', { exact: true }).fill(token);
  await targets.getByRole('button', { name: 'Save target' }).click();
  await expect(targets.getByRole('status').filter({ hasText: 'Saved “Newsroom API”' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(targets).toBeHidden();
}

async function openPublish(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = publishDialog(page);
  await dialog.getByRole('combobox', { name: 'Publish to' }).selectOption({ label: TARGET });
  await expect(dialog.getByText('Checking the article…')).toBeHidden();
  return dialog;
}

/** Writes and publishes an article; resolves to its id on the server once Copydesk kept the site's copy. */
async function publishArticle(app: LaunchedApp, headline: string, text: string): Promise<string> {
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill(headline);
  await field(page, 'Standfirst').fill('New times from Monday.');
  await body(page).click();
  await page.keyboard.type(text);
  await expectSaved(page);
  const dialog = await openPublish(page);
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(currentJob(page).getByText('Published', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  // Copydesk reads the article back right after publishing; wait for that copy before editing on the site.
  let remoteId = '';
  await expect
    .poll(() => {
      remoteId = readDatabase(app.dataDir, (db) =>
        String(db.prepare('SELECT remote_id FROM site_copies').pluck().get() ?? ''),
      );
      return remoteId;
    })
    .not.toBe('');
  return remoteId;
}

async function editInCopydesk(page: Page, addition: string): Promise<void> {
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(addition);
  await expectSaved(page);
}

test('an edit made on the HTTP JSON site is shown in the Publish dialog and kept as a version; then the update goes out', async () => {
  server = await startFaultServer();
  app = await launchApp();
  const { page } = app;
  await addHttpJsonTarget(page, server.endpoint, server.token);
  const headline = 'Tide tables change';
  const text = 'The harbour office publishes new tide tables.';
  const remoteId = await publishArticle(app, headline, text);

  // Someone corrects the headline and the text on the site.
  const stored = server.articles.get(remoteId)!;
  server.editOnSite(remoteId, {
    headline: `${headline} (corrected)`,
    html: String(stored.payload.html).replace(text, `${text} Every week.`),
  });

  await editInCopydesk(page, ' Updated.');
  const publish = await openPublish(page);
  const changes = publish.getByRole('region', { name: 'Site changes' });
  await expect(changes.getByRole('alert')).toContainText('Someone changed this article on the site');
  await expect(changes.getByRole('region', { name: 'Title' }).locator('ins')).toHaveText(
    /inserted: .*corrected/,
  );
  await expect(changes.getByRole('region', { name: 'Text' }).locator('ins')).toHaveText(
    /inserted: .*Every week/,
  );
  const shot = test.info().outputPath('site-changes-http-json.png');
  await page.screenshot({ path: shot });
  await test.info().attach('site-changes-http-json', { path: shot, contentType: 'image/png' });
  expect(stored.updates).toBe(0);

  await changes.getByRole('button', { name: 'Keep site changes' }).click();
  await expect(publish.getByText(/in History as “Site changes from Newsroom API”/)).toBeVisible();
  await expect(changes).toBeHidden();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(currentJob(page).getByText('Published', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(server.created()).toBe(1);
  expect(stored.updates).toBe(1);
  expect(stored.headline).toBe(headline);
  expect(String(stored.payload.html)).toContain('Updated.');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('dialog', { name: 'History' });
  await history
    .getByRole('list', { name: 'Revisions' })
    .getByRole('button')
    .filter({ hasText: 'Site changes from Newsroom API' })
    .click();
  await expect(history.getByRole('region', { name: 'Headline' })).toContainText('(corrected)');
});

test('Overwrite site replaces the site’s edit; a site whose reply cannot be compared is said so and the update still goes', async () => {
  server = await startFaultServer();
  app = await launchApp();
  const { page } = app;
  await addHttpJsonTarget(page, server.endpoint, server.token);
  const remoteId = await publishArticle(app, 'Ferry timetable', 'Boats leave on the hour.');
  server.editOnSite(remoteId, { standfirst: 'Changed on the site.' });

  await editInCopydesk(page, ' From May.');
  let publish = await openPublish(page);
  const changes = publish.getByRole('region', { name: 'Site changes' });
  const excerpt = changes.getByRole('region', { name: 'Excerpt' });
  await expect(excerpt.locator('ins')).toHaveText([
    /inserted: Changed/,
    /inserted: on/,
    /inserted: the/,
    /inserted: site/,
  ]);
  await changes.getByRole('button', { name: 'Overwrite site' }).click();
  await expect(
    publish.getByText('“Publish now” replaces the site’s changes with your article.'),
  ).toBeVisible();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(currentJob(page).getByText('Published', { exact: true })).toBeVisible({ timeout: 30_000 });
  const stored = server.articles.get(remoteId)!;
  expect((stored.payload.article as { standfirst: string }).standfirst).toBe('New times from Monday.');
  expect(String(stored.payload.html)).toContain('From May.');
  await page.keyboard.press('Escape');

  // The endpoint now answers its GET without the article's text: the dialog says why it could not compare.
  server.setReadFault('no-text');
  await editInCopydesk(page, ' Fares unchanged.');
  publish = await openPublish(page);
  await expect(
    publish.getByText(
      /Copydesk could not compare with the site first: .*does not include the article's text/,
    ),
  ).toBeVisible();
  await expect(publish.getByRole('region', { name: 'Site changes' })).toHaveCount(0);
  const shot = test.info().outputPath('site-not-compared-http-json.png');
  await publish.screenshot({ path: shot });
  await test.info().attach('site-not-compared-http-json', { path: shot, contentType: 'image/png' });
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(currentJob(page).getByText('Published', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(String(stored.payload.html)).toContain('Fares unchanged.');
  expect(server.created()).toBe(1);
});
