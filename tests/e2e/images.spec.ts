import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { mediaPathIn } from '../../src-main/services/media/mediaStore';
import { launchApp, type LaunchedApp } from './support/launchApp';
import { body, expectSaved, field, newDraft, readDatabase } from './support/desk';
import {
  exifSegment,
  insertJpegSegments,
  makeGif,
  makeJpeg,
  makeJpegWithIptc,
  makePng,
  SVG_TEXT,
} from '../fixtures/makeImages';

let app: LaunchedApp | undefined;
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = undefined;
});

interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function pickFile(page: Page, buttonName: string, file: FilePayload): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await (await chooser).setFiles(file);
}

/** Dispatches a drop or paste carrying one file on the article body, as the OS would. */
async function sendFileToBody(
  page: Page,
  kind: 'drop' | 'paste',
  file: FilePayload,
  padToBytes = 0,
): Promise<void> {
  await page.getByRole('textbox', { name: 'Article body' }).evaluate(
    (element, { kind, name, type, base64, padToBytes }) => {
      const head = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const parts: BlobPart[] = [head];
      // Large files are made in the page: sending tens of megabytes through the test channel is slow.
      // The padding is paddingBytes(): no two 256 KB pieces alike, so a piece lost or misplaced on the
      // way to the store changes the file.
      if (padToBytes > head.length) {
        const padding = new Uint8Array(padToBytes - head.length);
        for (let i = 0; i < padding.length; i += 1) padding[i] = i % 251;
        parts.push(padding);
      }
      const transfer = new DataTransfer();
      transfer.items.add(new File(parts, name, { type }));
      const box = element.getBoundingClientRect();
      if (kind === 'drop') {
        const init = {
          bubbles: true,
          cancelable: true,
          dataTransfer: transfer,
          clientX: box.left + 20,
          clientY: box.top + 10,
        };
        element.dispatchEvent(new DragEvent('dragover', init));
        element.dispatchEvent(new DragEvent('drop', init));
      } else {
        (element as HTMLElement).focus();
        element.dispatchEvent(
          new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
        );
      }
    },
    { kind, name: file.name, type: file.mimeType, base64: file.buffer.toString('base64'), padToBytes },
  );
}

/** The bytes sendFileToBody pads a file with (the same loop runs in the page). */
function paddingBytes(length: number): Buffer {
  const padding = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) padding[i] = i % 251;
  return padding;
}

const figures = (page: Page) => page.getByRole('figure');
/** The body figure whose image has this natural width (each fixture has its own). */
const figureOfWidth = (page: Page, width: number) =>
  figures(page).filter({ has: page.locator(`img[width="${width}"]`) });
const textbox = (scope: ReturnType<Page['getByRole']>, name: string) =>
  scope.getByRole('textbox', { name, exact: true });
const inFigure = (page: Page, index: number, name: string) =>
  figures(page).nth(index).getByRole('textbox', { name, exact: true });

test('inserts by picker, drop and paste; prefills from IPTC; fields survive a restart', async () => {
  app = await launchApp();
  let page = app.page;
  console.log(`shell: ${app.shell}`);
  await newDraft(page);
  await field(page, 'Headline').fill('Trawlers come home');
  await body(page).click();
  await page.keyboard.type('The fleet returned before the storm.');

  const iptc = makeJpegWithIptc({
    byline: 'Tomasz Żuraw',
    credit: 'Tomasz Żuraw/Harbour Desk',
    caption: 'Gulls circle a trawler at first light',
    copyright: '© 2024 Harbour Desk',
  });
  await pickFile(page, 'Insert image', { name: 'trawler.jpg', mimeType: 'image/jpeg', buffer: iptc });
  await expect(figures(page)).toHaveCount(1);
  await expect(inFigure(page, 0, 'Caption')).toHaveValue('Gulls circle a trawler at first light');
  await expect(inFigure(page, 0, 'Credit')).toHaveValue('Tomasz Żuraw/Harbour Desk');
  await expect(figures(page).nth(0).getByText('from file')).toHaveCount(2);
  await expect(
    figures(page)
      .nth(0)
      .getByText(/Alt text is empty/),
  ).toBeVisible();
  const img = figures(page).nth(0).locator('img');
  await expect(img).toHaveJSProperty('complete', true);
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(64);

  await inFigure(page, 0, 'Alt text').fill('A trawler with gulls above it');
  await expect(
    figures(page)
      .nth(0)
      .getByText(/Alt text is empty/),
  ).toHaveCount(0);
  // Typing in a figure field stays in the field: the body text is untouched.
  await inFigure(page, 0, 'Caption').press('End');
  await page.keyboard.type(' off the point');
  await expect(inFigure(page, 0, 'Caption')).toHaveValue(
    'Gulls circle a trawler at first light off the point',
  );
  await expect(figures(page).nth(0).getByText('from file')).toHaveCount(1);

  await sendFileToBody(page, 'drop', { name: 'dropped.png', mimeType: 'image/png', buffer: makePng(30, 20) });
  await expect(figures(page)).toHaveCount(2);
  await sendFileToBody(page, 'paste', { name: 'image.png', mimeType: 'image/png', buffer: makePng(12, 12) });
  await expect(figures(page)).toHaveCount(3);

  // A credit glued onto a pasted caption is split off.
  const pasted = figureOfWidth(page, 12);
  await textbox(pasted, 'Caption').click();
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'Harbour lights at dusk (Credit: Mira Kade/WikiCommons)');
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }),
    );
  });
  await expect(textbox(pasted, 'Caption')).toHaveValue('Harbour lights at dusk');
  await expect(textbox(pasted, 'Credit')).toHaveValue('Mira Kade/WikiCommons');
  await expect(body(page)).toContainText('The fleet returned before the storm.');
  await expectSaved(page);

  app = await app.relaunch();
  page = app.page;
  await page.getByRole('list', { name: 'Drafts' }).getByText('Trawlers come home').first().click();
  await expect(figures(page)).toHaveCount(3);
  const trawler = figureOfWidth(page, 64);
  await expect(textbox(trawler, 'Caption')).toHaveValue(
    'Gulls circle a trawler at first light off the point',
  );
  await expect(textbox(trawler, 'Credit')).toHaveValue('Tomasz Żuraw/Harbour Desk');
  await expect(textbox(trawler, 'Alt text')).toHaveValue('A trawler with gulls above it');
  await expect(textbox(figureOfWidth(page, 12), 'Credit')).toHaveValue('Mira Kade/WikiCommons');
  await expect(figureOfWidth(page, 30)).toHaveCount(1);
  await expect(trawler.locator('img')).toHaveJSProperty('complete', true);
  expect(await trawler.locator('img').evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(64);

  // Move, then remove with undo.
  const widths = () =>
    figures(page)
      .locator('img')
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).width));
  const order = await widths();
  const last = order[2]!;
  // Each click moves the figure past one block (a paragraph or another figure).
  const blockIndex = () =>
    body(page)
      .locator(':scope > *')
      .evaluateAll(
        (blocks, width) => blocks.findIndex((block) => block.querySelector(`img[width="${width}"]`) !== null),
        last,
      );
  const startIndex = await blockIndex();
  await figureOfWidth(page, last).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(blockIndex).toBe(startIndex - 1);
  for (let click = 0; click < 4 && (await widths())[1] !== last; click++) {
    await figureOfWidth(page, last).getByRole('button', { name: 'Move up' }).click();
  }
  await expect.poll(widths).toEqual([order[0], last, order[1]]);
  await figureOfWidth(page, last).getByRole('button', { name: 'Move down' }).click();
  await expect.poll(blockIndex).toBeGreaterThan(0);
  await figureOfWidth(page, 64).getByRole('button', { name: 'Remove image' }).click();
  await expect(figures(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(figures(page)).toHaveCount(3);
  await expect(textbox(figureOfWidth(page, 64), 'Alt text')).toHaveValue('A trawler with gulls above it');
});

test('each bad input gets a clear message and leaves the draft as it was', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Bad files');
  await body(page).click();
  await page.keyboard.type('Untouched text.');
  await expectSaved(page);
  const before = readDatabase(app.dataDir, (db) => db.prepare('SELECT body_json FROM drafts').pluck().get());

  const whole = makeJpeg(64, 64);
  const cases: Array<[FilePayload, RegExp]> = [
    [
      { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) },
      /"empty.jpg" is empty \(0 bytes\)/,
    ],
    [
      { name: 'cut.jpg', mimeType: 'image/jpeg', buffer: whole.subarray(0, Math.floor(whole.length * 0.6)) },
      /"cut.jpg" is an incomplete JPEG/,
    ],
    [
      { name: 'chart.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG_TEXT) },
      /SVG images can carry scripts/,
    ],
    [
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Meeting notes, not a photo at all') },
      /"notes.jpg" is named like a JPEG image, but its contents are not an image/,
    ],
    [
      {
        name: 'bomb.png',
        mimeType: 'image/png',
        buffer: makePng(8, 8, { declaredWidth: 40_000, declaredHeight: 40_000 }),
      },
      /decompression bomb/,
    ],
    [
      {
        name: 'scan.tif',
        mimeType: 'image/tiff',
        buffer: Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0]), Buffer.alloc(64)]),
      },
      /is a TIFF file, which Copydesk does not accept/,
    ],
  ];
  for (const [file, message] of cases) {
    await pickFile(page, 'Insert image', file);
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(figures(page)).toHaveCount(0);
  }
  await sendFileToBody(
    page,
    'drop',
    { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: whole },
    41 * 1024 * 1024,
  );
  await expect(page.getByRole('alert')).toContainText(
    '"huge.jpg" is 41 MB; Copydesk accepts images up to 40 MB',
  );
  await expect(figures(page)).toHaveCount(0);

  // A lying name still imports, with a notice.
  await pickFile(page, 'Insert image', { name: 'photo.png', mimeType: 'image/png', buffer: makeJpeg() });
  await expect(
    page.getByRole('status').filter({ hasText: 'This file is named .png but is a JPEG — imported as JPEG.' }),
  ).toBeVisible();
  await expect(figures(page)).toHaveCount(1);
  await figures(page).getByRole('button', { name: 'Remove image' }).click();
  await expect(figures(page)).toHaveCount(0);
  await expect(body(page)).toContainText('Untouched text.');
  expect(before).toContain('Untouched text.');
});

test('lead image: set, promote a body figure, remove', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Lead image desk');
  await pickFile(page, 'Set lead image', {
    name: 'lead.jpg',
    mimeType: 'image/jpeg',
    buffer: makeJpegWithIptc({ credit: 'Ines Calder', caption: 'Snow on the pass' }),
  });
  const lead = page.getByRole('group', { name: 'Lead image' });
  await expect(lead.getByRole('textbox', { name: 'Caption', exact: true })).toHaveValue('Snow on the pass');
  await expect(lead.getByRole('textbox', { name: 'Credit', exact: true })).toHaveValue('Ines Calder');
  await lead.getByRole('textbox', { name: 'Alt text', exact: true }).fill('A snowy mountain road');
  // Above the standfirst.
  const leadBox = await lead.boundingBox();
  const standfirstBox = await field(page, 'Standfirst').boundingBox();
  expect(leadBox!.y).toBeLessThan(standfirstBox!.y);

  await pickFile(page, 'Insert image', { name: 'gif.gif', mimeType: 'image/gif', buffer: makeGif(4, 3) });
  await inFigure(page, 0, 'Caption').fill('A tiny chart');
  await inFigure(page, 0, 'Credit').fill('Copydesk graphics');
  await figures(page).nth(0).getByRole('button', { name: 'Use as lead image' }).click();
  await expect(lead.getByRole('textbox', { name: 'Caption', exact: true })).toHaveValue('A tiny chart');
  await expectSaved(page);
  const stored = readDatabase(
    app.dataDir,
    (db) => db.prepare('SELECT lead_image FROM drafts').pluck().get() as string,
  );
  expect(JSON.parse(stored)).toMatchObject({
    caption: 'A tiny chart',
    credit: 'Copydesk graphics',
    mime: 'image/gif',
  });

  await lead.getByRole('button', { name: 'Remove lead image' }).click();
  await expect(page.getByRole('group', { name: 'Lead image' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set lead image' })).toBeVisible();
  await expectSaved(page);
  expect(
    readDatabase(app.dataDir, (db) => db.prepare('SELECT lead_image FROM drafts').pluck().get()),
  ).toBeNull();
});

// How soon the preview shows, and the longest task on the UI thread while a 24 MP photo is previewed
// and stored, are speed targets: the images bench measures them beside a plain <img>
// (docs/benchmarks.md). This test holds what must always be true of a very large file.
test('a 10 MB image shows its preview before it is stored, and is stored byte for byte', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await body(page).click();
  await watchFirstPreview(page);
  const head = makeJpeg(600, 400);
  const size = 10 * 1024 * 1024;
  await sendFileToBody(page, 'drop', { name: 'big.jpg', mimeType: 'image/jpeg', buffer: head }, size);
  await expect(figures(page)).toHaveCount(1, { timeout: 20_000 });
  expect(
    (await seenPreview(page))?.figuresThen,
    'a pending preview was shown, before the figure was inserted',
  ).toBe(0);

  // The same bytes sendFileToBody builds in the page: the JPEG, then its padding up to 10 MB.
  const sent = Buffer.concat([head, paddingBytes(size - head.length)]);
  // Hashed here, not with the app's own sha256Hex, so a fault there cannot hide itself.
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
  const hash = sha256(sent);
  await expectSaved(page);
  const stored = readDatabase(app.dataDir, (db) => ({
    media: db.prepare('SELECT hash, bytes FROM media').all(),
    body: db.prepare('SELECT body_json FROM drafts').pluck().get() as string,
  }));
  expect(stored.media).toEqual([{ hash, bytes: size }]);
  expect(stored.body, 'the figure refers to the stored file').toContain(hash);
  const file = readFileSync(mediaPathIn(app.dataDir, hash));
  expect(file.length).toBe(size);
  expect(sha256(file)).toBe(hash);
});

interface SeenPreview {
  tag: string;
  width: number;
  height: number;
  src: string;
  figuresThen: number;
  /** Red channel at the top and bottom middle of the preview's pixels. */
  redTop: number;
  redBottom: number;
}

/** Records the first pending preview the page shows: what it is, its pixels, and how many figures the body had then. */
async function watchFirstPreview(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __seen?: SeenPreview }).__seen = undefined;
    new MutationObserver((_records, observer) => {
      const preview = document.querySelector<HTMLCanvasElement | HTMLImageElement>('.image-pending-preview');
      if (!preview) return;
      observer.disconnect();
      const figuresThen = document.querySelectorAll('figure').length;
      const record = (): void => {
        const width = preview instanceof HTMLImageElement ? preview.naturalWidth : preview.width;
        const height = preview instanceof HTMLImageElement ? preview.naturalHeight : preview.height;
        const copy = document.createElement('canvas');
        copy.width = width;
        copy.height = height;
        const context = copy.getContext('2d')!;
        // A broken <img> (the fallback for a file that is no image) has no pixels to read.
        if (width > 0) context.drawImage(preview, 0, 0);
        const red = (y: number): number =>
          width > 0 ? context.getImageData(Math.floor(width / 2), y, 1, 1).data[0]! : -1;
        (window as unknown as { __seen: SeenPreview }).__seen = {
          tag: preview.tagName,
          width,
          height,
          src: preview instanceof HTMLImageElement ? preview.src : '',
          figuresThen,
          redTop: red(2),
          redBottom: red(height - 3),
        };
      };
      if (preview instanceof HTMLImageElement) void preview.decode().then(record, record);
      else record();
    }).observe(document.body, { childList: true, subtree: true });
  });
}

const seenPreview = (page: Page): Promise<SeenPreview | undefined> =>
  page.evaluate(() => (window as unknown as { __seen?: SeenPreview }).__seen);

test('a large photo previews as a small upright rendering before it is stored; the figure then shows the stored image', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await body(page).click();
  await watchFirstPreview(page);
  // 4000×3000, dark on the left and red on the right; EXIF orientation 6 (turn 90° clockwise)
  // puts the left edge on top, so an upright preview is portrait, dark at the top, red at the bottom.
  const photo = insertJpegSegments(makeJpeg(4000, 3000, 90), exifSegment({ orientation: 6 }));
  await sendFileToBody(page, 'drop', { name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: photo });

  await expect(figures(page)).toHaveCount(1, { timeout: 20_000 });
  const seen = await seenPreview(page);
  expect(seen, 'a pending preview was shown').toBeDefined();
  expect(seen!.tag).toBe('CANVAS');
  expect(seen!.figuresThen, 'the preview shows before the figure is inserted').toBe(0);
  expect(Math.max(seen!.width, seen!.height)).toBeLessThanOrEqual(512);
  expect(seen!.height).toBeGreaterThan(seen!.width);
  expect(seen!.redTop).toBeLessThan(60);
  expect(seen!.redBottom).toBeGreaterThan(200);

  await expect(page.locator('.image-pending')).toHaveCount(0);
  const stored = figures(page).locator('img');
  await expect(stored).toHaveAttribute('src', /\/media\/[0-9a-f]{64}$/);
  await expect.poll(() => stored.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('a file the preview worker cannot decode previews as a plain <img>, whose blob: URL is revoked afterwards', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await body(page).click();

  // No type (some drag sources send none): the worker cannot pick a decoder; the service still
  // reads the bytes as a JPEG and stores them.
  await watchFirstPreview(page);
  await sendFileToBody(page, 'drop', { name: 'untyped.jpg', mimeType: '', buffer: makeJpeg(90, 60) });
  await expect(figures(page)).toHaveCount(1);
  await expect.poll(async () => (await seenPreview(page))?.tag).toBeDefined();
  let seen = await seenPreview(page);
  expect(seen?.tag).toBe('IMG');
  expect(seen?.src).toMatch(/^blob:/);
  expect(seen?.width).toBe(90);
  await expect(page.locator('.image-pending')).toHaveCount(0);
  const revoked = (url: string): Promise<boolean> =>
    page.evaluate(
      (u) =>
        fetch(u).then(
          () => false,
          () => true,
        ),
      url,
    );
  expect(await revoked(seen!.src), 'the object URL was revoked').toBe(true);

  // Not an image at all: the worker's decoder refuses it, the <img> shows (broken) until the
  // service's message replaces it, and the draft keeps one figure.
  await watchFirstPreview(page);
  await sendFileToBody(page, 'drop', {
    name: 'notes.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('Meeting notes, not a photo at all'),
  });
  await expect(page.getByRole('alert')).toContainText('"notes.jpg" is named like a JPEG image');
  await expect.poll(async () => (await seenPreview(page))?.src ?? '').toMatch(/^blob:/);
  seen = await seenPreview(page);
  expect(seen?.tag).toBe('IMG');
  expect(await revoked(seen!.src)).toBe(true);
  await expect(figures(page)).toHaveCount(1);
});

test('replacing an image keeps what the editor typed and refuses a bad file without touching the figure', async () => {
  app = await launchApp();
  const { page } = app;
  await newDraft(page);
  await field(page, 'Headline').fill('Replace desk');
  await pickFile(page, 'Insert image', { name: 'first.png', mimeType: 'image/png', buffer: makePng(12, 12) });
  await inFigure(page, 0, 'Caption').fill('Council chamber before the vote');
  await inFigure(page, 0, 'Credit').fill('Desk photographer');
  await inFigure(page, 0, 'Alt text').fill('Empty seats in a wood-panelled chamber');

  const figure = figures(page).nth(0);
  const replaceWith = async (file: FilePayload): Promise<void> => {
    const chooser = page.waitForEvent('filechooser');
    await figure.getByRole('button', { name: 'Replace image' }).click();
    await (await chooser).setFiles(file);
  };
  await replaceWith({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await expect(figure.getByRole('alert')).toContainText('empty');
  await expect(figure.locator('img')).toHaveAttribute('width', '12');

  await replaceWith({ name: 'second.png', mimeType: 'image/png', buffer: makePng(20, 10) });
  await expect(figure.locator('img')).toHaveAttribute('width', '20');
  await expect(inFigure(page, 0, 'Caption')).toHaveValue('Council chamber before the vote');
  await expect(inFigure(page, 0, 'Credit')).toHaveValue('Desk photographer');
  await expect(inFigure(page, 0, 'Alt text')).toHaveValue('Empty seats in a wood-panelled chamber');
  await expect(figure.getByRole('alert')).toHaveCount(0);
  await expectSaved(page);
});
