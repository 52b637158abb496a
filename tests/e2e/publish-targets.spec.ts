// The "Publish targets" dialog asks before it discards unsaved edits: choosing
// another target (or "Add target") with a changed form offers "Discard
// changes" or "Keep editing", through the real UI and services.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { watchForText } from './support/textWatch';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

test('switching targets with unsaved edits asks first; "Keep editing" keeps them, "Discard changes" drops them', async () => {
  app = await launchApp();
  const { page } = app;
  await page.getByRole('button', { name: 'Publish targets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish targets' });
  await expect(dialog).toBeVisible();

  // A second target to switch to.
  const folder = mkdtempSync(join(tmpdir(), 'copydesk-targets-'));
  await dialog.getByRole('button', { name: 'Add target' }).click();
  await dialog.getByRole('combobox', { name: 'Target kind' }).selectOption({ label: 'Local folder' });
  await dialog.getByRole('textbox', { name: 'Target name' }).fill('Archive copy');
  await dialog.getByRole('textbox', { name: 'Folder', exact: true }).fill(folder);
  await dialog.getByRole('button', { name: 'Save target' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved “Archive copy”' })).toBeVisible();

  // A saved, unchanged target is left without a question.
  const list = dialog.getByRole('list', { name: 'Publish targets' });
  await list.getByRole('button', { name: /^Local folder/ }).click();
  await expect(dialog.getByRole('group', { name: 'Unsaved changes' })).toHaveCount(0);
  await expect(dialog.getByRole('heading', { name: 'Edit “Local folder”' })).toBeVisible();

  // Edited: choosing another target asks, and "Keep editing" keeps the edit.
  await dialog.getByRole('textbox', { name: 'Target name' }).fill('Local folder (renamed)');
  await list.getByRole('button', { name: /Archive copy/ }).click();
  const ask = dialog.getByRole('group', { name: 'Unsaved changes' });
  await expect(ask).toContainText('“Local folder” has changes that are not saved.');
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(ask).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Target name' })).toHaveValue('Local folder (renamed)');

  // "Add target" asks too; "Discard changes" goes on and the edit is gone.
  await dialog.getByRole('button', { name: 'Add target' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(dialog.getByRole('heading', { name: 'New target' })).toBeVisible();
  await list.getByRole('button', { name: /^Local folder/ }).click();
  await expect(dialog.getByRole('textbox', { name: 'Target name' })).toHaveValue('Local folder');
});

test('the dialog opens on the first click without passing through its loading state, on an empty desk', async () => {
  app = await launchApp();
  const { page } = app;
  // Nothing is open, so neither the editor's chunk nor the dialog's has been loaded by this page.
  const loadingSeen = await watchForText(page, 'Opening Publish targets…');
  await page.getByRole('button', { name: 'Publish targets' }).click();
  await expect(page.getByRole('dialog', { name: 'Publish targets' })).toBeVisible();
  expect(await loadingSeen(), 'the dialog suspended on its lazy chunk and showed its loading state').toBe(
    false,
  );
});
