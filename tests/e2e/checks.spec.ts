// The Checks panel end to end: a seeded misspelling and one name spelled two
// ways are found, fixed through the panel and checked again; a finding is
// ignored for the article (and stays ignored); a field fix lands in the field.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { makePng } from '../fixtures/makeImages';
import { body, expectSaved, field, newDraft } from './support/desk';
import { launchApp, type LaunchedApp } from './support/launchApp';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const panel = (page: Page) => page.getByRole('complementary', { name: 'Checks' });
const finding = (page: Page, text: string) =>
  panel(page).getByRole('list', { name: 'Findings' }).getByRole('listitem').filter({ hasText: text });

async function writeArticle(page: Page): Promise<void> {
  await newDraft(page);
  await field(page, 'Headline').fill('Marlowby lantern makers share e-mail tips');
  await field(page, 'Standfirst').fill('The workshop opens its doors for a week.');
  await body(page).click();
  await page.keyboard.type('The jury showed sound judegment on the day.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Residents of Marlowby gathered early by the river.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Later the mayor of Marlowbi spoke about the the lanterns.');
  await expectSaved(page);
}

test('finds a misspelling and a name spelled two ways, fixes both through the panel and re-checks', async () => {
  app = await launchApp();
  const { page } = app;
  await writeArticle(page);

  await page.getByRole('button', { name: 'Checks', exact: true }).click();
  await expect(panel(page)).toBeVisible();

  const spelling = finding(page, '“judegment”');
  await expect(spelling).toBeVisible({ timeout: 20_000 });
  await expect(spelling).toContainText('Body, paragraph 1');
  await spelling.getByRole('button', { name: 'Replace with judgment' }).click();
  await expect(body(page)).toContainText('sound judgment on the day');
  await expect(finding(page, '“judegment”')).toHaveCount(0);

  const name = finding(page, '“Marlowbi”');
  await expect(name).toContainText('Body, paragraph 3');
  await expect(name).toContainText('“Marlowby” elsewhere');
  await name.getByRole('button', { name: 'Replace with Marlowby' }).click();
  await expect(body(page)).toContainText('the mayor of Marlowby spoke');
  await expect(finding(page, 'Marlowbi')).toHaveCount(0);

  // A house-style fix in a field goes through the form, like typing.
  const style = finding(page, 'write “email”');
  await expect(style).toContainText('Headline');
  await style.getByRole('button', { name: 'Replace with email' }).click();
  await expect(field(page, 'Headline')).toHaveValue('Marlowby lantern makers share email tips');
  await expect(finding(page, 'write “email”')).toHaveCount(0);

  // The fixed text is what gets stored.
  await expectSaved(page);
  await expect(body(page)).not.toContainText('judegment');

  // Typing a new mistake shows up without pressing anything.
  await body(page).click();
  await page.keyboard.press(`Control+End`);
  await page.keyboard.type(' A lanturn fell.');
  await expect(finding(page, '“lanturn”')).toBeVisible();

  // Add to dictionary: accepted from now on; removing it from the dictionary brings the finding back.
  await finding(page, '“lanturn”').getByRole('button', { name: 'Add to dictionary' }).click();
  await expect(finding(page, '“lanturn”')).toHaveCount(0);
  await panel(page).getByText('Dictionaries (1 personal, 0 desk)').click();
  await panel(page).getByRole('button', { name: 'Remove “lanturn” from the personal dictionary' }).click();
  await expect(finding(page, '“lanturn”')).toBeVisible();
});

test('edits the house style in the panel; ignores a finding for this article, keeps it ignored, and shows it again', async () => {
  app = await launchApp();
  const { page } = app;
  await writeArticle(page);
  await page.getByRole('button', { name: 'Checks', exact: true }).click();

  const repeated = finding(page, '“the” is written twice');
  await expect(repeated).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);

  // The house style sheet is edited in the panel; a broken sheet is refused with the reason.
  await panel(page).getByRole('button', { name: 'Edit house style' }).click();
  const styleDialog = page.getByRole('dialog', { name: 'House style' });
  const sheet = styleDialog.getByRole('textbox', { name: 'Style sheet' });
  await expect(sheet).toHaveValue(/Khojali: Khojaly/);
  await sheet.fill('numbers:\n  spellOutBelow: lots\n');
  await styleDialog.getByRole('button', { name: 'Save house style' }).click();
  await expect(styleDialog.getByRole('alert')).toContainText('The style sheet was not saved');
  await sheet.fill('preferred:\n  lanterns: lamps\n');
  await styleDialog.getByRole('button', { name: 'Save house style' }).click();
  await expect(styleDialog.getByRole('status')).toContainText('house-style.yaml');
  await styleDialog.getByRole('button', { name: 'Close' }).click();
  await expect(finding(page, 'write “lamps”')).toBeVisible();
  await repeated.getByRole('button', { name: 'Ignore' }).click();
  await expect(finding(page, '“the” is written twice')).toHaveCount(0);
  await expect(panel(page).getByText('Ignored for this article (1)')).toBeVisible();

  // Closing and reopening the panel (a fresh check) keeps it ignored; the body still has it.
  await panel(page).getByRole('button', { name: 'Close checks' }).click();
  await expect(panel(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Checks', exact: true }).click();
  await expect(finding(page, '“judegment”')).toBeVisible({ timeout: 20_000 });
  await expect(finding(page, '“the” is written twice')).toHaveCount(0);
  await expect(body(page)).toContainText('the the lanterns');

  await panel(page).getByText('Ignored for this article (1)').click();
  await panel(page).getByRole('button', { name: 'Stop ignoring' }).click();
  await expect(finding(page, '“the” is written twice')).toBeVisible();

  // A finding takes the editor to its place.
  await finding(page, '“judegment”').getByRole('button', { name: 'Go to Body, paragraph 1' }).click();
  await expect(body(page)).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('judegment');
});

test('checks an image caption and fixes it in the Caption field', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Quay reopens');
  await body(page).click();
  await page.keyboard.type('The quay reopened at dawn.');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Insert image', exact: true }).click();
  await (await chooser).setFiles({ name: 'quay.png', mimeType: 'image/png', buffer: makePng(48, 32) });
  const caption = page.getByRole('figure').getByRole('textbox', { name: 'Caption' });
  await caption.fill('A lanturn on the quay');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Checks', exact: true }).click();
  const spelling = finding(page, '“lanturn”');
  await expect(spelling).toBeVisible({ timeout: 20_000 });
  await expect(spelling).toContainText('caption of the image in paragraph');
  await spelling.getByRole('button', { name: 'Replace with lantern' }).click();
  await expect(caption).toHaveValue('A lantern on the quay');
  await expect(finding(page, '“lanturn”')).toHaveCount(0);
  await expectSaved(page);
});

test('edits the spam list in the panel: a pasted link to a listed domain is found, the shipped list is there', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Harbour fair draws a crowd');
  await body(page).click();
  await page.keyboard.type('The fair opened on Saturday.');
  await page.keyboard.press('Enter');
  // A link that came in with pasted text.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.setData(
      'text/html',
      '<p>Tickets at <a href="https://tickets.fairspam.example/buy">the box office</a>.</p>',
    );
    transfer.setData('text/plain', 'Tickets at the box office.');
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
    );
  });
  await expect(body(page).getByRole('link', { name: 'the box office' })).toBeVisible();
  await expectSaved(page);

  await page.getByRole('button', { name: 'Checks', exact: true }).click();
  await expect(panel(page).getByRole('status')).toContainText('Checked', { timeout: 20_000 });
  await expect(finding(page, 'spam list')).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Edit spam list' }).click();
  const dialog = page.getByRole('dialog', { name: 'Spam list' });
  const list = dialog.getByRole('textbox', { name: 'Spam domains' });
  await expect(list).toContainText('*online-casino*');
  await list.press('ControlOrMeta+End');
  await list.pressSequentially('\nfairspam.example');
  await dialog.getByRole('button', { name: 'Save spam list' }).click();
  await expect(dialog.getByRole('status')).toContainText('on the spam list');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const spam = finding(page, 'tickets.fairspam.example, which is on the spam list (fairspam.example)');
  await expect(spam).toBeVisible({ timeout: 20_000 });
});
