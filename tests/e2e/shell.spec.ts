import { expect, test } from '@playwright/test';
import { FLUSH_HOOK } from '../../src-shared/ipc';
import { launchApp } from './support/launchApp';

test('starts on the app origin and reports which shell it runs in', async () => {
  const app = await launchApp();
  try {
    console.log(`shell under test: ${app.shell}`);
    expect(new URL(app.page.url()).pathname).toBe('/index.html');
    expect(await app.page.evaluate(() => window.copydesk.shell)).toBe(app.shell);
    const info = await app.page.evaluate(() => window.copydesk.invoke('app:info', {}));
    expect(info).toMatchObject({ ok: true, value: { shell: app.shell, dataDir: app.dataDir } });
    await expect(app.page.getByRole('button', { name: 'New draft' })).toBeVisible();
  } finally {
    expect(await app.close()).toBe(0);
  }
});

test('a graceful stop waits for the renderer to flush pending saves, then exits 0', async () => {
  const app = await launchApp();
  // Wrap the renderer's flush hook: after the real flush, create a draft that only exists if the
  // shell awaited the hook and closed the database afterwards.
  await app.page.evaluate((hook) => {
    const target = window as unknown as Record<string, (() => Promise<void>) | undefined>;
    const original = target[hook];
    target[hook] = async () => {
      await original?.();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await window.copydesk.invoke('drafts:create', {});
    };
  }, FLUSH_HOOK);
  const before = await app.page.evaluate(() => window.copydesk.invoke('drafts:list', {}));
  expect(before).toMatchObject({ ok: true, value: { drafts: [] } });

  expect(await app.close()).toBe(0);

  const again = await launchApp({ dataDir: app.dataDir, shell: app.shell });
  try {
    const after = await again.page.evaluate(() => window.copydesk.invoke('drafts:list', {}));
    expect(after.ok && (after.value as { drafts: unknown[] }).drafts).toHaveLength(1);
  } finally {
    expect(await again.close()).toBe(0);
  }
});

test('a headline typed just before the stop is there after relaunch', async () => {
  const app = await launchApp();
  await app.page.getByRole('button', { name: 'New draft' }).click();
  const headline = app.page.getByRole('textbox', { name: 'Headline' });
  await headline.fill('Stopped mid-sentence');
  // No wait for autosave: the stop itself must flush it.
  const relaunched = await app.relaunch();
  try {
    await relaunched.page.getByRole('listitem').filter({ hasText: 'Stopped mid-sentence' }).first().click();
    await expect(relaunched.page.getByRole('textbox', { name: 'Headline' })).toHaveValue(
      'Stopped mid-sentence',
    );
  } finally {
    expect(await relaunched.close()).toBe(0);
  }
});

test('kill() ends the process holding the database at once, and the data folder opens again', async () => {
  const app = await launchApp();
  const created = await app.page.evaluate(() => window.copydesk.invoke('drafts:create', {}));
  expect(created.ok).toBe(true);
  await app.kill();
  expect(() => process.kill(app.pid, 0)).toThrow();
  const again = await launchApp({ dataDir: app.dataDir, shell: app.shell });
  try {
    const listed = await again.page.evaluate(() => window.copydesk.invoke('drafts:list', {}));
    expect(listed.ok && (listed.value as { drafts: unknown[] }).drafts).toHaveLength(1);
  } finally {
    expect(await again.close()).toBe(0);
  }
});
