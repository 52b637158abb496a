import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { MOD, body, expectSaved, field, newDraft } from './support/desk';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

async function seriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the main screen has no serious or critical axe violations, empty and with a draft open', async () => {
  app = await launchApp();
  const { page } = app;
  await expect(page.getByRole('button', { name: 'New draft' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await newDraft(page);
  await field(page, 'Headline').fill('Accessible headline');
  await body(page).click();
  await page.keyboard.type('Some body text.');
  await expectSaved(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('new draft, fill the fields and format the body by keyboard alone', async () => {
  app = await launchApp();
  const { page } = app;
  const focused = () =>
    page.evaluate(
      () =>
        document.activeElement?.getAttribute('aria-label') ??
        (document.activeElement as HTMLElement | null)?.id ??
        '',
    );
  // Reach "New draft" by Tab from the top of the page.
  let guard = 0;
  while (
    !(await page
      .getByRole('button', { name: 'New draft' })
      .evaluate((el) => el === document.activeElement)) &&
    guard < 30
  ) {
    await page.keyboard.press('Tab');
    guard += 1;
  }
  expect(guard, 'New draft is reachable by Tab').toBeLessThan(30);
  await page.keyboard.press('Enter');
  await expect(field(page, 'Headline')).toBeVisible();

  // Tab through the form until each field is focused, typing into it.
  const wanted = new Map([
    ['Kicker', 'Keyboard desk'],
    ['Headline', 'Written without a mouse'],
    ['Standfirst', 'Every control answers to the keyboard.'],
    ['Byline', 'Ada Keys'],
  ]);
  guard = 0;
  while (wanted.size > 0 && guard < 60) {
    await page.keyboard.press('Tab');
    guard += 1;
    for (const [name, text] of wanted) {
      if (await field(page, name).evaluate((el) => el === document.activeElement)) {
        await page.keyboard.type(text);
        wanted.delete(name);
      }
    }
  }
  expect([...wanted.keys()], 'every field was reached by Tab').toEqual([]);
  guard = 0;
  while (!(await body(page).evaluate((el) => el === document.activeElement)) && guard < 60) {
    await page.keyboard.press('Tab');
    guard += 1;
  }
  expect(guard, `the body is reachable by Tab (last focus: ${await focused()})`).toBeLessThan(60);
  await page.keyboard.type('Plain and ');
  await page.keyboard.press(`${MOD}+b`);
  await page.keyboard.type('bold');
  await page.keyboard.press(`${MOD}+b`);
  await expectSaved(page);
  await expect(field(page, 'Headline')).toHaveValue('Written without a mouse');
  await expect(body(page).locator('strong, b')).toHaveText('bold');
});
