// Item 8: when the store refuses writes, the editor is told at once (a banner
// saying what failed and that the text is still on screen), Publish waits
// with a message instead of hanging, saving keeps retrying, and quitting
// offers to save the article to a file instead of exiting silently.
//
// The faults are real, not simulated: a full disk is a small tmpfs mounted
// for the data folder and filled to the last byte; a data folder that refuses
// writes is `chattr +i` on the folder, the database and its WAL while the app
// has them open (tests run as root, and chmod does not stop root; an
// immutable file does). Both need Linux and root (mount, chattr); elsewhere
// these specs are skipped, and tests/unit/store.fullDisk.test.ts covers the
// services' side with SQLite's max_page_count.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, expectSaved, field, newDraft } from './support/desk';

function works(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probe = mkdtempSync(join(tmpdir(), 'copydesk-e2e-probe-'));
const canMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  works('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]) &&
  works('umount', [probe]);
const canChattr =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  works('chattr', ['+i', probe]) &&
  works('chattr', ['-i', probe]);
rmSync(probe, { recursive: true, force: true });

let app: LaunchedApp | undefined;
let cleanups: Array<() => void> = [];
test.afterEach(async () => {
  if (app) {
    const closing = app.close();
    await app.page
      .getByRole('button', { name: 'Quit without saving' })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await closing.catch(() => undefined);
  }
  app = undefined;
  // Never leave a folder immutable or a disk mounted behind, whatever failed.
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // Best effort.
    }
  }
  cleanups = [];
});

/** Writes into `path` until the file system says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  const small = Buffer.alloc(512, 1);
  try {
    for (;;) writeSync(fd, small);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

function banner(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved' });
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

test.describe('saves the store refuses', () => {
  test.skip(!canMount, 'needs Linux and root to mount a small tmpfs');

  test('a full disk: a banner at once, Publish waits with a message, retries succeed once space is free, quit offers a file', async () => {
    test.setTimeout(120_000);
    const root = mkdtempSync(join(tmpdir(), 'copydesk-e2e-full-'));
    const mount = join(root, 'disk');
    const home = join(root, 'home');
    mkdirSync(mount);
    mkdirSync(home);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]);
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    cleanups.push(() => execFileSync('umount', ['-l', mount]));
    const dataDir = join(mount, 'data');
    const filler = join(mount, 'filler');

    app = await launchApp({ dataDir, env: { HOME: home } });
    const { page } = app;
    await newDraft(page);
    await field(page, 'Headline').fill('Full disk story');
    await typeAtEnd(page, 'Stored paragraph.');
    await expectSaved(page);

    // The disk fills up; the next save cannot be stored.
    fillDisk(filler);
    await typeAtEnd(page, ' Words typed on a full disk.');
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('The disk is full');
    await expect(banner(page)).toContainText('Your text is still on screen');
    await expect(body(page)).toContainText('Words typed on a full disk.');
    await page.screenshot({ path: test.info().outputPath('full-disk-banner.png') });

    // Publish waits and says why, instead of a checklist that never arrives.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish', exact: true });
    await expect(
      dialog.getByRole('status').filter({ hasText: 'Publishing waits until this draft is saved' }),
    ).toContainText('The disk is full');
    await page.screenshot({ path: test.info().outputPath('publish-waits.png') });
    // Space comes back: the retry stores the text, the banner goes, the checks run.
    rmSync(filler);
    await expect(
      dialog.getByText(/All checks passed|Fix before publishing|Worth a look/).first(),
    ).toBeVisible({
      timeout: 15_000,
    });
    await expect(banner(page)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expectSaved(page);

    // Full again, and the editor quits: Copydesk asks, and keeps the text in a file.
    fillDisk(filler);
    await typeAtEnd(page, ' Last sentence before quitting.');
    await expect(banner(page)).toBeVisible();
    const closing = app.close();
    const question = page.getByRole('dialog', { name: 'Unsaved changes' });
    await expect(question).toBeVisible();
    await expect(question).toContainText('The disk is full');
    await page.screenshot({ path: test.info().outputPath('quit-question.png') });
    await question.getByRole('button', { name: 'Save to file and quit' }).click();
    await expect(question.getByRole('status')).toContainText('Saved to');
    expect(await closing).toBe(0);
    app = undefined;

    const folder = join(home, 'Copydesk unsaved');
    const files = readdirSync(folder).filter((name) => name.endsWith('.html'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/full-disk-story\.html$/);
    const html = readFileSync(join(folder, files[0]!), 'utf8');
    expect(html).toContain('Full disk story');
    expect(html).toContain('Last sentence before quitting.');
  });
});

test.describe('a data folder that refuses writes', () => {
  test.skip(!canChattr, 'needs Linux and root for chattr +i');

  test('chattr +i on the folder and database: a banner saying the folder cannot be written; saved again once writable', async () => {
    app = await launchApp();
    const { page, dataDir } = app;
    await newDraft(page);
    await field(page, 'Headline').fill('Read-only story');
    await typeAtEnd(page, 'First words.');
    await expectSaved(page);

    // Not -shm: SQLite maps it into memory, and an immutable mapping ends the process.
    const locked = [dataDir, join(dataDir, 'copydesk.sqlite'), join(dataDir, 'copydesk.sqlite-wal')].filter(
      (path) => existsSync(path),
    );
    execFileSync('chattr', ['+i', ...locked]);
    cleanups.push(() => execFileSync('chattr', ['-i', ...locked]));
    await typeAtEnd(page, ' Words the folder refuses.');
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('cannot write to its data folder');
    await expect(banner(page)).toContainText('Your text is still on screen');

    execFileSync('chattr', ['-i', ...locked]);
    cleanups.pop();
    await expect(banner(page)).toHaveCount(0, { timeout: 15_000 });
    await expectSaved(page);
    expect(await app.close()).toBe(0);
    app = await launchApp({ dataDir });
    await expect(body(app.page)).toContainText('Words the folder refuses.');
  });
});
