// Workflow status and History through the UI: edit, change status, publish to
// the local folder, edit again, restore an older version, then restore the
// newer one back; the diff names the changed headline and caption.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeJpeg } from '../fixtures/makeImages';
import { body, draftsList, expectSaved, field, newDraft, readDatabase } from './support/desk';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { reachableWordPress } from '../support/testWordPress';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

const historyDialog = (page: Page) => page.getByRole('dialog', { name: 'History' });
const draftItem = (page: Page, headline: string) =>
  draftsList(page).getByRole('listitem').filter({ hasText: headline });
const statusBox = (page: Page) => page.getByRole('combobox', { name: 'Status' });

async function openHistory(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = historyDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Revisions' })).toBeVisible();
  return dialog;
}

function revision(dialog: Locator, label: string | RegExp): Locator {
  return dialog.getByRole('list', { name: 'Revisions' }).getByRole('button').filter({ hasText: label });
}

test('edit, change status, publish, restore an old version, then restore the newer one back', async () => {
  app = await launchApp();
  const { page } = app;

  await newDraft(page);
  await field(page, 'Headline').fill('Harbour wall repaired');
  await body(page).click();
  await page.keyboard.type('Crews worked through the night to close the breach.');
  await page.keyboard.press('End');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image', exact: true }).click();
  await (await chooser).setFiles({ name: 'wall.jpg', mimeType: 'image/jpeg', buffer: makeJpeg(120, 60) });
  const figure = page.getByRole('figure').filter({ has: page.locator('img[width="120"]') });
  await expect(figure).toBeVisible();
  await figure.getByRole('textbox', { name: 'Caption', exact: true }).fill('The repaired harbour wall');
  await figure.getByRole('textbox', { name: 'Credit', exact: true }).fill('Jo Lens/Harbour Agency');
  await figure.getByRole('textbox', { name: 'Alt text', exact: true }).fill('A stone wall beside calm water');
  await expectSaved(page);

  // Status by keyboard: focus the combobox and pick with the arrow keys.
  await expect(statusBox(page)).toHaveValue('draft');
  await statusBox(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(statusBox(page)).toHaveValue('ready_to_publish');
  await expect(draftItem(page, 'Harbour wall repaired').getByText('Ready to publish')).toBeVisible();

  // Publish to the default local folder: the status becomes Published.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const publish = page.getByRole('dialog', { name: 'Publish', exact: true });
  await expect(publish.getByText('Checking the article…')).toBeHidden();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(publish.getByRole('link', { name: 'View published article' })).toBeVisible({
    timeout: 20_000,
  });
  await page.keyboard.press('Escape');
  await expect(publish).toBeHidden();
  await expect(statusBox(page)).toHaveValue('published');
  await expect(
    draftItem(page, 'Harbour wall repaired').getByText('Published', { exact: true }),
  ).toBeVisible();

  // An edit after publishing: Changed since publish.
  await field(page, 'Headline').fill('Harbour wall repaired at last');
  await figure
    .getByRole('textbox', { name: 'Caption', exact: true })
    .fill('The harbour wall after the storm');
  await expectSaved(page);
  await expect(statusBox(page)).toHaveValue('changed');
  await expect(
    draftItem(page, 'Harbour wall repaired at last').getByText('Changed since publish'),
  ).toBeVisible();

  // History lists the publish (before and after) and the status change, with words and size.
  let dialog = await openHistory(page);
  await expect(revision(dialog, 'Before publishing to Local folder')).toBeVisible();
  await expect(revision(dialog, 'Status: Ready to publish')).toBeVisible();
  const published = revision(dialog, 'Published to Local folder');
  await expect(published).toHaveText(/\d\d:\d\d.*Published to Local folder.*\d+ words, [\d.]+ (KB|bytes)/);
  await published.click();
  const changes = dialog.getByRole('region', { name: 'Changes' });
  const headlineDiff = changes.getByRole('region', { name: 'Headline' });
  const captionDiff = changes.getByRole('region', { name: 'Caption (figure 1)' });
  await expect(headlineDiff).toBeVisible();
  await expect(captionDiff).toBeVisible();
  // Named in words, not colour alone.
  await expect(headlineDiff.locator('ins')).toHaveText(/inserted: .*at last/);
  await expect(captionDiff.locator('del')).toHaveText(/deleted: .*repaired/);
  await expect(changes.getByRole('region', { name: 'Body' })).toHaveCount(0);
  const shot = test.info().outputPath('history-dialog.png');
  await page.screenshot({ path: shot });
  await test.info().attach('history-dialog', { path: shot, contentType: 'image/png' });

  // Restore the published version: the newer text is recorded first.
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(dialog).toBeHidden();
  await expect(field(page, 'Headline')).toHaveValue('Harbour wall repaired');
  const restoredFigure = page.getByRole('figure');
  await expect(restoredFigure.getByRole('textbox', { name: 'Caption', exact: true })).toHaveValue(
    'The repaired harbour wall',
  );
  await expect(draftItem(page, 'Harbour wall repaired')).toBeVisible();

  // The newer version is still listed and can be restored back.
  dialog = await openHistory(page);
  await expect(revision(dialog, /^\d\d:\d\dRestored from \d\d:\d\d/)).toBeVisible();
  const newer = revision(dialog, /Before restoring the version of \d\d:\d\d/);
  await newer.click();
  await expect(dialog.getByRole('region', { name: 'Headline' }).locator('del')).toHaveText(/at last/);
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(dialog).toBeHidden();
  await expect(field(page, 'Headline')).toHaveValue('Harbour wall repaired at last');
  await expect(page.getByRole('figure').getByRole('textbox', { name: 'Caption', exact: true })).toHaveValue(
    'The harbour wall after the storm',
  );
  // Typing after a restore saves normally (the new session is based on the restored revision).
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' More.');
  await expectSaved(page);
  await expect(page.getByRole('alert').filter({ hasText: /saved elsewhere/ })).toHaveCount(0);
});

test('Scheduled asks for the embargo time and shows it', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Budget figures');
  await body(page).click();
  await page.keyboard.type('The figures are out at nine.');
  await expectSaved(page);
  await statusBox(page).selectOption('scheduled');
  await page.getByLabel('Scheduled for').fill('2099-06-01T09:30');
  await page.getByRole('button', { name: 'Set schedule' }).click();
  await expect(statusBox(page)).toHaveValue('scheduled');
  await expect(page.getByText('Embargoed until 1 Jun, 09:30')).toBeVisible();
  await expect(draftItem(page, 'Budget figures').getByText('Scheduled')).toBeVisible();

  // Publishing to the local folder is refused before the embargo.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const publish = page.getByRole('dialog', { name: 'Publish', exact: true });
  await expect(publish.getByText('Checking the article…')).toBeHidden();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(publish.getByRole('alert')).toContainText('embargoed until 1 Jun');
});

test('compare with the site before updating: an edit made on WordPress is shown and kept as a version', async () => {
  const wp = await reachableWordPress();
  if (typeof wp === 'string') {
    // As in publish.spec: required where CI starts the test WordPress (the Linux job); the jobs without one
    // (Windows, macOS: COPYDESK_WP_OPTIONAL=1) and developer machines skip, saying why.
    if (process.env.CI === 'true' && process.env.COPYDESK_WP_OPTIONAL !== '1')
      throw new Error(`The site-compare spec needs the test WordPress on CI: ${wp}`);
    test.skip(true, wp);
    return;
  }
  app = await launchApp();
  const { page } = app;
  await page.getByRole('button', { name: 'Publish targets' }).click();
  const targets = page.getByRole('dialog', { name: 'Publish targets' });
  await targets.getByRole('button', { name: 'Add target' }).click();
  await targets.getByRole('combobox', { name: 'Target kind' }).selectOption({ label: 'WordPress' });
  await targets.getByRole('textbox', { name: 'Target name' }).fill('Newsroom WP');
  await targets.getByRole('textbox', { name: 'Site URL', exact: true }).fill(wp.siteUrl);
  await targets.getByRole('textbox', { name: 'Username', exact: true }).fill(wp.username);
  await targets.getByLabel('Application password', { exact: true }).fill(wp.applicationPassword);
  await targets.getByRole('button', { name: 'Save target' }).click();
  await expect(targets.getByRole('status').filter({ hasText: 'Saved “Newsroom WP”' })).toBeVisible();
  await page.keyboard.press('Escape');

  const headline = `Tide tables change ${Date.now()}`;
  await newDraft(page);
  await field(page, 'Headline').fill(headline);
  await body(page).click();
  await page.keyboard.type('The harbour office publishes new tide tables.');
  await expectSaved(page);

  const publish = page.getByRole('dialog', { name: 'Publish', exact: true });
  const openPublish = async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await publish
      .getByRole('combobox', { name: 'Publish to' })
      .selectOption({ label: 'Newsroom WP (WordPress)' });
    await expect(publish.getByText('Checking the article…')).toBeHidden();
  };
  await openPublish();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(publish.getByRole('link', { name: 'View published article' })).toBeVisible({
    timeout: 45_000,
  });
  await page.keyboard.press('Escape');
  // Copydesk reads the post back right after publishing; wait for that copy before editing on the site.
  let remoteId = '';
  await expect
    .poll(() => {
      remoteId = readDatabase(app!.dataDir, (db) =>
        String(db.prepare('SELECT remote_id FROM site_copies').pluck().get() ?? ''),
      );
      return remoteId;
    })
    .not.toBe('');

  // Someone corrects the headline on the site.
  const auth = `Basic ${Buffer.from(`${wp.username}:${wp.applicationPassword}`).toString('base64')}`;
  const edit = await fetch(`${wp.siteUrl}/?rest_route=/wp/v2/posts/${remoteId}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: `${headline} (corrected)` }),
  });
  expect(edit.status).toBe(200);

  // Copydesk's own edit, then the update: the dialog shows what changed on the site.
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Updated.');
  await expectSaved(page);
  await openPublish();
  const changes = publish.getByRole('region', { name: 'Site changes' });
  await expect(changes.getByRole('alert')).toContainText('Someone changed this article on the site');
  await expect(changes.getByRole('region', { name: 'Title' }).locator('ins')).toHaveText(
    /inserted: .*corrected/,
  );
  const shot = test.info().outputPath('site-changes.png');
  await page.screenshot({ path: shot });
  await test.info().attach('site-changes', { path: shot, contentType: 'image/png' });
  await changes.getByRole('button', { name: 'Keep site changes' }).click();
  await expect(publish.getByText(/in History as “Site changes from Newsroom WP”/)).toBeVisible();
  await expect(changes).toBeHidden();
  await publish.getByRole('button', { name: 'Publish now' }).click();
  await expect(publish.getByRole('link', { name: 'View published article' })).toBeVisible({
    timeout: 45_000,
  });
  await page.keyboard.press('Escape');

  const history = await openHistory(page);
  await revision(history, 'Site changes from Newsroom WP').click();
  await expect(history.getByRole('region', { name: 'Headline' })).toContainText('(corrected)');

  await fetch(`${wp.siteUrl}/?rest_route=/wp/v2/posts/${remoteId}&force=true`, {
    method: 'DELETE',
    headers: { Authorization: auth },
  });
});
