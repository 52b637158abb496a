import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, draftsList, expectSaved, field, newDraft, readDatabase } from './support/desk';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

function corrupt(file: string): void {
  // Overwrite the header and the first pages with noise: SQLite no longer recognises the file.
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
  closeSync(fd);
}

test('a corrupt database is moved aside, the user is told, and the latest backup is restored', async () => {
  app = await launchApp();
  const dataDir = app.dataDir;
  await newDraft(app.page);
  await field(app.page, 'Headline').fill('Backed-up story');
  await body(app.page).click();
  await app.page.keyboard.type('This text is in the backup.');
  await expectSaved(app.page);
  expect(await app.close()).toBe(0);
  // Start once more so today's backup holds the draft (the first start had nothing to back up).
  rmSync(join(dataDir, 'backups'), { recursive: true, force: true });
  app = await launchApp({ dataDir });
  await expect(draftsList(app.page).getByText('Backed-up story')).toBeVisible();
  await expect
    .poll(
      () =>
        existsSync(join(dataDir, 'backups')) &&
        readdirSync(join(dataDir, 'backups')).some((f) => f.endsWith('.sqlite')),
    )
    .toBe(true);
  expect(await app.close()).toBe(0);

  for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `copydesk.sqlite${suffix}`), { force: true });
  corrupt(join(dataDir, 'copydesk.sqlite'));
  app = await launchApp({ dataDir });
  const alert = app.page.getByRole('alert').filter({ hasText: /damaged|corrupt/i });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/backup/i);
  await expect(draftsList(app.page).getByText('Backed-up story')).toBeVisible();
  const aside = readdirSync(dataDir).filter((f) => f.startsWith('copydesk.corrupt-'));
  expect(aside.length, 'the damaged file is kept, not wiped').toBeGreaterThan(0);
});

test('a corrupt database with no backup is kept aside and the app starts empty with a message', async () => {
  const seeded = await launchApp();
  const dataDir = seeded.dataDir;
  expect(await seeded.close()).toBe(0);
  rmSync(join(dataDir, 'backups'), { recursive: true, force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `copydesk.sqlite${suffix}`), { force: true });
  writeFileSync(join(dataDir, 'copydesk.sqlite'), 'this is not a database at all'.repeat(200));
  app = await launchApp({ dataDir });
  await expect(app.page.getByRole('alert').filter({ hasText: /damaged|corrupt/i })).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'New draft' })).toBeVisible();
  expect(readdirSync(dataDir).some((f) => f.startsWith('copydesk.corrupt-'))).toBe(true);
});

test('a database written by a newer Copydesk is refused with a message and left untouched', async () => {
  const seeded = await launchApp();
  const dataDir = seeded.dataDir;
  expect(await seeded.close()).toBe(0);
  const file = join(dataDir, 'copydesk.sqlite');
  readDatabase(dataDir, (db) => db.pragma('user_version = 999'));
  const before = createHash('sha256').update(readFileSync(file)).digest('hex');
  const error = await launchApp({ dataDir }).then(
    (unexpected) => {
      app = unexpected;
      return null;
    },
    (failure: unknown) => String(failure),
  );
  expect(error, 'the app refuses to start').not.toBeNull();
  expect(error).toMatch(/newer Copydesk/);
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  expect(
    readdirSync(dataDir).some((f) => f.startsWith('copydesk.corrupt-')),
    'not treated as corruption',
  ).toBe(false);
});

test('a data folder that cannot be used is refused with a message that names it and says what to do', async () => {
  const seeded = await launchApp();
  const inTheWay = join(seeded.dataDir, 'not-a-folder');
  expect(await seeded.close()).toBe(0);
  writeFileSync(inTheWay, 'a file where the data folder should be');
  const error = await launchApp({ dataDir: inTheWay }).then(
    (unexpected) => {
      app = unexpected;
      return null;
    },
    (failure: unknown) => String(failure),
  );
  expect(error, 'the app refuses to start').not.toBeNull();
  expect(error).toContain(`Copydesk cannot use the data folder ${inTheWay}`);
  expect(error).toMatch(/--data-dir/);
  // Only the reason: not the failures of the start-up steps the refusal cut short.
  expect(error).not.toMatch(/has been closed/);
  expect(readFileSync(inTheWay, 'utf8')).toBe('a file where the data folder should be');
});
