// Small helpers for driving the drafting desk by its accessible names.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

export function field(page: Page, name: string) {
  return page.getByRole('textbox', { name, exact: true });
}

export function body(page: Page) {
  return page.getByRole('textbox', { name: 'Article body' });
}

export async function newDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(field(page, 'Headline')).toBeVisible();
}

/** Waits until the save status says everything is stored. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Saving/ })).toHaveCount(0);
}

export function draftsList(page: Page) {
  return page.getByRole('list', { name: 'Drafts' }).or(page.getByRole('listbox', { name: 'Drafts' }));
}

/** Opens the draft whose list entry names this headline. */
export async function openDraft(page: Page, headline: string): Promise<void> {
  await draftsList(page).getByText(headline, { exact: false }).first().click();
  await expect(field(page, 'Headline')).toHaveValue(headline);
}

export interface StoredDraftRow {
  id: string;
  headline: string;
  body_json: string;
  body_text: string;
  deleted_at: number | null;
}

/** Reads the database file directly, as a person inspecting it after a crash would. */
export function readDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'copydesk.sqlite'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}
