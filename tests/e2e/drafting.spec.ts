import { expect, test } from '@playwright/test';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { MOD, body, draftsList, expectSaved, field, newDraft, openDraft } from './support/desk';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

test('keeps every field and each kind of body formatting across a relaunch', async () => {
  app = await launchApp();
  const { page } = app;
  console.log(`shell: ${app.shell}`);
  await newDraft(page);

  await field(page, 'Kicker').fill('City hall');
  await field(page, 'Headline').fill('Harbour ferry returns after storm repairs');
  await expect(field(page, 'Slug')).toHaveValue('harbour-ferry-returns-after-storm-repairs');
  await field(page, 'Standfirst').fill('The crossing reopens on Monday with a reduced timetable.');
  await field(page, 'Byline').fill('Ines Okafor');
  await field(page, 'Byline role').fill('Transport correspondent');
  await page.getByRole('combobox', { name: 'Article type' }).selectOption({ label: 'Analysis' });
  await field(page, 'Tags').fill('transport, harbour');

  const editor = body(page);
  await editor.click();
  const press = (keys: string) => page.keyboard.press(keys);
  const type = (text: string) => page.keyboard.type(text);
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  const button = (name: string) => toolbar.getByRole('button', { name, exact: true });

  await type('Plain start ');
  await press(`${MOD}+b`);
  await type('bold');
  await press(`${MOD}+b`);
  await type(' ');
  await press(`${MOD}+i`);
  await type('italic');
  await press(`${MOD}+i`);
  await type(' ');
  await press(`${MOD}+u`);
  await type('underlined');
  await press(`${MOD}+u`);
  await type(' ');
  await button('Strikethrough').click();
  await type('struck');
  await button('Strikethrough').click();
  await type(' linked');
  await press('Shift+ArrowLeft');
  await press('Shift+ArrowLeft');
  await press('Shift+ArrowLeft');
  await press('Shift+ArrowLeft');
  await press('Shift+ArrowLeft');
  await press('Shift+ArrowLeft');
  await button('Link').click();
  await page.getByRole('textbox', { name: 'Link address' }).fill('https://example.org/ferry');
  await page.getByRole('button', { name: 'Apply link' }).click();
  await editor.click();
  await press(`${MOD}+End`);
  await press('Enter');
  await button('Heading 2').click();
  await type('Second-level subhead');
  await press('Enter');
  await button('Heading 3').click();
  await type('Third-level subhead');
  await press('Enter');
  await button('Bulleted list').click();
  await type('first bullet');
  await press('Enter');
  await type('second bullet');
  await press('Enter');
  await press('Enter');
  await button('Numbered list').click();
  await type('numbered one');
  await press('Enter');
  await press('Enter');
  await button('Quote').click();
  await type('A quoted passage');
  await press('Enter');
  await button('Pull quote').click();
  await type('A pulled quote');
  await press('Enter');
  await button('Horizontal rule').click();
  await type('After the rule');
  await expectSaved(page);

  app = await app.relaunch();
  const again = app.page;
  await openDraft(again, 'Harbour ferry returns after storm repairs');
  await expect(field(again, 'Kicker')).toHaveValue('City hall');
  await expect(field(again, 'Standfirst')).toHaveValue(
    'The crossing reopens on Monday with a reduced timetable.',
  );
  await expect(field(again, 'Byline')).toHaveValue('Ines Okafor');
  await expect(field(again, 'Byline role')).toHaveValue('Transport correspondent');
  await expect(again.getByRole('combobox', { name: 'Article type' })).toHaveValue('analysis');
  await expect(field(again, 'Tags')).toHaveValue(/transport, harbour/);
  await expect(field(again, 'Slug')).toHaveValue('harbour-ferry-returns-after-storm-repairs');

  const restored = body(again);
  await expect(restored.locator('strong, b').filter({ hasText: 'bold' })).toHaveCount(1);
  await expect(restored.locator('em, i').filter({ hasText: 'italic' })).toHaveCount(1);
  await expect(
    restored.locator('u, .underline, [class*=underline]').filter({ hasText: 'underlined' }),
  ).toHaveCount(1);
  await expect(
    restored.locator('s, del, .strikethrough, [class*=strike]').filter({ hasText: 'struck' }),
  ).toHaveCount(1);
  await expect(restored.locator('a[href="https://example.org/ferry"]')).toHaveText('linked');
  await expect(restored.locator('h2')).toHaveText('Second-level subhead');
  await expect(restored.locator('h3')).toHaveText('Third-level subhead');
  await expect(restored.locator('ul > li')).toHaveText(['first bullet', 'second bullet']);
  await expect(restored.locator('ol > li')).toHaveText(['numbered one']);
  await expect(restored.locator('blockquote')).toHaveText('A quoted passage');
  await expect(restored.locator('[class*=pull-quote], [class*=pullquote]')).toHaveText('A pulled quote');
  await expect(restored.locator('hr')).toHaveCount(1);
  await expect(restored).toContainText('After the rule');
});

test('the slug follows the headline until it is edited by hand', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Tram line opens');
  await expect(field(page, 'Slug')).toHaveValue('tram-line-opens');
  await field(page, 'Slug').fill('tram-opening');
  await field(page, 'Headline').fill('Tram line opens at last');
  await expect(field(page, 'Slug')).toHaveValue('tram-opening');
});

test('lists drafts newest first, finds them by search, and deletes with undo and trash', async () => {
  app = await launchApp();
  const { page } = app;
  for (const headline of ['Budget vote delayed', 'Library wins award', 'Harbour dredging begins']) {
    await newDraft(page);
    await field(page, 'Headline').fill(headline);
    await body(page).click();
    await page.keyboard.type(`Story about ${headline.toLowerCase()}.`);
    await expectSaved(page);
  }
  const list = draftsList(page);
  await expect(list.getByRole('listitem').or(list.getByRole('option')).first()).toContainText(
    'Harbour dredging begins',
  );

  await page.getByRole('searchbox', { name: 'Search drafts' }).fill('library');
  await expect(list.getByText('Library wins award')).toBeVisible();
  await expect(list.getByText('Budget vote delayed')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search drafts' }).fill('');
  await expect(list.getByText('Budget vote delayed')).toBeVisible();

  await openDraft(page, 'Budget vote delayed');
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await expect(list.getByText('Budget vote delayed')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(list.getByText('Budget vote delayed')).toBeVisible();

  await openDraft(page, 'Budget vote delayed');
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await expect(list.getByText('Budget vote delayed')).toHaveCount(0);
  await page.getByRole('button', { name: 'Trash' }).click();
  await page.getByRole('button', { name: 'Restore' }).first().click();
  await page.getByRole('button', { name: 'Back to drafts' }).click();
  await expect(list.getByText('Budget vote delayed')).toBeVisible();
});
