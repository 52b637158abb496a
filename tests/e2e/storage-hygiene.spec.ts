// Item 15 (a file dropped outside the editor never navigates the window) and
// item 10 (a second start on the same data folder says so and exits without
// touching anything), through the real app.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { projectRoot } from '../../scripts/build-if-stale.mjs';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, draftsList, expectSaved, field, newDraft } from './support/desk';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

test('a file dropped outside the editor is refused, so the window never navigates away from unsaved text', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Drop target story');
  await body(page).click();
  await page.keyboard.type('Text on screen.');
  await expectSaved(page);

  // Chromium opens a dropped file in place of the page unless the page cancels the dragover and
  // the drop. Drops here: the drafts list, a text field, the empty area under the list.
  const targets = {
    'the drafts list': draftsList(page),
    'the Headline field': field(page, 'Headline'),
    'the Search drafts box': page.getByRole('searchbox', { name: 'Search drafts' }),
  };
  for (const [name, target] of Object.entries(targets)) {
    const cancelled = await target.evaluate((element) =>
      ['dragover', 'drop'].map((type) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['plain text'], 'notes.txt', { type: 'text/plain' }));
        return !element.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }),
    );
    expect(cancelled, `a file dropped on ${name}: dragover and drop cancelled`).toEqual([true, true]);
  }

  // And a real drag from outside through Chromium's drag pipeline leaves the page and its text alone.
  const dropped = join(mkdtempSync(join(tmpdir(), 'copydesk-drop-')), 'notes.txt');
  writeFileSync(dropped, 'a plain text file');
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  const cdp = await page.context().newCDPSession(page);
  const box = await page.getByRole('searchbox', { name: 'Search drafts' }).boundingBox();
  if (!box) throw new Error('no search box on screen');
  const at = { x: box.x + box.width / 2, y: box.y + box.height + 120 };
  const data = { items: [], files: [dropped], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await page.waitForTimeout(500);
  expect(navigations, 'the window did not navigate').toBe(0);
  await expect(body(page)).toContainText('Text on screen.');
});

test('a second start on the same data folder says so, exits, and changes nothing', async () => {
  app = await launchApp();
  await newDraft(app.page);
  await field(app.page, 'Headline').fill('Held by the first window');
  await expectSaved(app.page);
  const database = join(app.dataDir, 'copydesk.sqlite');
  const before = { bytes: readFileSync(database), mtime: statSync(database).mtimeMs };

  // The browser shell is what starts without Electron's own single-instance lock.
  const second = spawn(
    process.execPath,
    [join(projectRoot, 'out', 'main', 'browser-shell.js'), '--headless', '--data-dir', app.dataDir],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) =>
    second.once('exit', (exitCode) => resolve(exitCode)),
  );

  expect(code).toBe(1);
  expect(output).toContain(`Copydesk is already running with the data folder ${app.dataDir}`);
  expect(output).toContain(`(process ${app.pid})`);
  expect(output).not.toContain('COPYDESK_READY');
  expect(readFileSync(database).equals(before.bytes)).toBe(true);
  expect(statSync(database).mtimeMs).toBe(before.mtime);
  // The first window still works.
  await field(app.page, 'Headline').fill('Held by the first window, still saving');
  await expectSaved(app.page);
});
