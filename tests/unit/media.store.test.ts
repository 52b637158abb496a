import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageRef } from '../../src-shared/image';
import { AppFailure } from '../../src-shared/ipc';
import { inspectImage, MAX_IMAGE_BYTES } from '../../src-main/services/media/inspectImage';
import { createMediaStore, sha256Hex, type MediaStore } from '../../src-main/services/media/mediaStore';
import { createServices, type Services } from '../../src-main/services/createServices';
import {
  exifSegment,
  insertJpegSegments,
  makeGif,
  makeJpeg,
  makeJpegWithIptc,
  makePng,
  makeWebpHeader,
  SVG_TEXT,
  xmpSegment,
} from '../fixtures/makeImages';

let dataDir: string;
let services: Services;
let media: MediaStore;
let db: Database.Database;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-media-'));
  services = createServices({
    dataDir,
    shell: 'browser',
    version: 'test',
    openExternal: async () => undefined,
    backupIntervalMs: 0,
  });
  db = services.store.db;
  media = services.media;
});

afterEach(() => {
  services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function storedFiles(): string[] {
  const root = join(dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((prefix) =>
    readdirSync(join(root, prefix)).map((name) => `${prefix}/${name}`),
  );
}

async function importFailure(bytes: Uint8Array, name: string): Promise<AppFailure> {
  const error = await media.importImage({ bytes, name }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('content-hash storage', () => {
  it('stores an image once under media/<first two hex>/<sha256> and reads it back', async () => {
    const bytes = makeJpeg(40, 30);
    const { image, notice } = await media.importImage({ bytes, name: 'harbour.jpg' });
    const hash = sha256Hex(bytes);
    expect(image).toMatchObject({ hash, mime: 'image/jpeg', width: 40, height: 30, alt: '' });
    expect(notice).toBeNull();
    expect(media.mediaPath(hash)).toBe(join(dataDir, 'media', hash.slice(0, 2), hash));
    expect(readFileSync(media.mediaPath(hash)).equals(bytes)).toBe(true);
    const read = await media.readImage(hash);
    expect(read?.mime).toBe('image/jpeg');
    expect(read?.bytes.equals(bytes)).toBe(true);
    expect(db.prepare('SELECT mime, width, height, bytes FROM media WHERE hash = ?').get(hash)).toEqual({
      mime: 'image/jpeg',
      width: 40,
      height: 30,
      bytes: bytes.length,
    });
  });

  it('importing the same bytes twice keeps one file and returns the same hash', async () => {
    const bytes = makePng(10, 10);
    const first = await media.importImage({ bytes, name: 'a.png' });
    const second = await media.importImage({ bytes, name: 'copy of a.png' });
    expect(second.image.hash).toBe(first.image.hash);
    expect(storedFiles()).toEqual([`${first.image.hash.slice(0, 2)}/${first.image.hash}`]);
  });

  it('refuses to read a malformed or unknown hash', async () => {
    expect(await media.readImage('../../etc/passwd')).toBeNull();
    expect(await media.readImage('f'.repeat(64))).toBeNull();
    expect(() => media.mediaPath('../x')).toThrow();
  });

  it('accepts PNG, GIF and WebP with their sizes read from the bytes', async () => {
    expect((await media.importImage({ bytes: makePng(33, 21), name: 'p.png' })).image).toMatchObject({
      mime: 'image/png',
      width: 33,
      height: 21,
    });
    expect((await media.importImage({ bytes: makeGif(3, 5), name: 'g.gif' })).image).toMatchObject({
      mime: 'image/gif',
      width: 3,
      height: 5,
    });
    expect((await media.importImage({ bytes: makeWebpHeader(20, 30), name: 'w.webp' })).image).toMatchObject({
      mime: 'image/webp',
      width: 20,
      height: 30,
    });
  });

  it('swaps width and height for a JPEG whose EXIF orientation turns it a quarter', async () => {
    const bytes = insertJpegSegments(makeJpeg(40, 20), exifSegment({ orientation: 6 }));
    expect((await media.importImage({ bytes, name: 'turned.jpg' })).image).toMatchObject({
      width: 20,
      height: 40,
    });
  });
});

describe('bad input', () => {
  it('refuses a 0-byte file and stores nothing', async () => {
    const error = await importFailure(new Uint8Array(0), 'empty.jpg');
    expect(error.message).toBe(
      '"empty.jpg" is empty (0 bytes), so there is no image in it. Check the original file, or save or download it again.',
    );
    expect(storedFiles()).toEqual([]);
  });

  it('refuses SVG, saying why', async () => {
    const error = await importFailure(Buffer.from(SVG_TEXT), 'chart.svg');
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      'SVG images can carry scripts, so Copydesk does not accept them. Export the graphic as PNG.',
    );
    expect(storedFiles()).toEqual([]);
  });

  it('refuses SVG even when it is named .png', async () => {
    const error = await importFailure(
      Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      'logo.png',
    );
    expect(error.message).toContain('SVG images can carry scripts');
  });

  it('refuses a truncated JPEG and stores nothing', async () => {
    const whole = makeJpeg(64, 64);
    const error = await importFailure(whole.subarray(0, Math.floor(whole.length * 0.7)), 'cut.jpg');
    expect(error.message).toContain('"cut.jpg" is an incomplete JPEG');
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a JPEG cut off inside its headers', async () => {
    const error = await importFailure(makeJpeg().subarray(0, 30), 'stub.jpg');
    expect(error.message).toContain('incomplete JPEG');
  });

  it('refuses a JPEG whose header is garbage after the start marker', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.alloc(200, 0x41)]);
    const error = await importFailure(bytes, 'noise.jpg');
    expect(error.message).toMatch(/"noise.jpg" is (a damaged|an incomplete) JPEG/);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a truncated PNG', async () => {
    const png = makePng(40, 40);
    const error = await importFailure(png.subarray(0, png.length - 20), 'cut.png');
    expect(error.message).toContain('incomplete PNG');
  });

  it('imports a JPEG named .png as JPEG and says so', async () => {
    const { image, notice } = await media.importImage({ bytes: makeJpeg(), name: 'photo.png' });
    expect(image.mime).toBe('image/jpeg');
    expect(notice).toBe('This file is named .png but is a JPEG — imported as JPEG.');
  });

  it('refuses a text file named .jpg, saying it is not an image', async () => {
    const error = await importFailure(Buffer.from('Minutes of the meeting, not a photo'), 'photo.jpg');
    expect(error.message).toBe(
      '"photo.jpg" is named like a JPEG image, but its contents are not an image Copydesk can read: it is damaged or not an image at all. Open the original in an image editor and save it again.',
    );
    expect(storedFiles()).toEqual([]);
  });

  it('refuses unsupported image formats by name (TIFF, HEIC, BMP)', async () => {
    const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(100)]);
    expect((await importFailure(tiff, 'scan.tif')).message).toContain(
      'is a TIFF file, which Copydesk does not accept',
    );
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(100)]);
    expect((await importFailure(heic, 'IMG_0001.HEIC')).message).toContain('is a HEIC file');
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(100)]);
    expect((await importFailure(bmp, 'paint.bmp')).message).toContain('is a BMP file');
  });

  it('refuses a file over the size limit, stating the limit', async () => {
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    makeJpeg().copy(big);
    const error = await importFailure(big, 'huge.jpg');
    expect(error.message).toContain('Copydesk accepts images up to 40 MB');
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a decompression bomb from its header without decoding it', async () => {
    const bomb = makePng(8, 8, { declaredWidth: 50_000, declaredHeight: 50_000 });
    const error = await importFailure(bomb, 'bomb.png');
    expect(error.message).toContain('50,000 × 50,000 pixels (2,500 megapixels)');
    expect(error.message).toContain('up to 30,000 pixels on a side and 100 megapixels');
    const tall = makePng(8, 8, { declaredWidth: 12_000, declaredHeight: 12_000 });
    expect((await importFailure(tall, 'tall.png')).message).toContain('decompression bomb');
    expect(storedFiles()).toEqual([]);
  });

  it('inspectImage names pasted data without a file name as "This file"', () => {
    expect(() => inspectImage(new Uint8Array(0), '')).toThrow(/^This file is empty/);
  });
});

describe('metadata prefill', () => {
  it('fills credit, caption and copyright from IPTC written into the JPEG', async () => {
    const bytes = makeJpegWithIptc({
      byline: 'Tomasz Żuraw',
      credit: 'Tomasz Żuraw/Harbour Desk',
      caption: 'Gulls circle a trawler coming home at first light',
      copyright: '© 2024 Harbour Desk Ltd',
    });
    const { image } = await media.importImage({ bytes, name: 'trawler.jpg' });
    expect(image).toMatchObject({
      caption: 'Gulls circle a trawler coming home at first light',
      credit: 'Tomasz Żuraw/Harbour Desk',
      copyright: '© 2024 Harbour Desk Ltd',
      alt: '',
      fromFile: { caption: true, credit: true, copyright: true },
    });
  });

  it('uses the By-line when the Credit Line is missing', async () => {
    const bytes = makeJpegWithIptc({ byline: 'Ines Calder', caption: 'Frost on the allotments' });
    const { image } = await media.importImage({ bytes, name: 'frost.jpg' });
    expect(image.credit).toBe('Ines Calder');
    expect(image.copyright).toBe('');
    expect(image.fromFile).toEqual({ caption: true, credit: true, copyright: false });
  });

  it('splits a credit glued onto the IPTC caption', async () => {
    const bytes = makeJpegWithIptc({ caption: 'Lanterns over the old port (Credit: Mira Kade/WikiCommons)' });
    const { image } = await media.importImage({ bytes, name: 'lanterns.jpg' });
    expect(image.caption).toBe('Lanterns over the old port');
    expect(image.credit).toBe('Mira Kade/WikiCommons');
  });

  it('falls back to XMP and EXIF fields', async () => {
    const xmp = insertJpegSegments(
      makeJpeg(),
      xmpSegment({ description: 'A heron on the weir', rights: 'CC BY 4.0', credit: 'Saul Imre' }),
    );
    expect((await media.importImage({ bytes: xmp, name: 'heron.jpg' })).image).toMatchObject({
      caption: 'A heron on the weir',
      credit: 'Saul Imre',
      copyright: 'CC BY 4.0',
    });
    const exif = insertJpegSegments(
      makeJpeg(20, 20),
      exifSegment({ imageDescription: 'Night bus depot', artist: 'Lin Osei', copyright: 'Lin Osei 2023' }),
    );
    expect((await media.importImage({ bytes: exif, name: 'depot.jpg' })).image).toMatchObject({
      caption: 'Night bus depot',
      credit: 'Lin Osei',
      copyright: 'Lin Osei 2023',
    });
  });

  it('leaves the fields empty and not from the file when the image has no metadata', async () => {
    const { image } = await media.importImage({ bytes: makePng(), name: 'plain.png' });
    expect(image).toMatchObject({
      caption: '',
      credit: '',
      copyright: '',
      fromFile: { caption: false, credit: false, copyright: false },
    });
  });
});

describe('cleanup of unused media', () => {
  const DAY = 24 * 60 * 60 * 1000;

  function age(hash: string, ms: number): void {
    const when = (Date.now() - ms) / 1000;
    utimesSync(media.mediaPath(hash), when, when);
  }

  it('removes images no draft, revision or job refers to, and keeps the rest', async () => {
    const kept = (await media.importImage({ bytes: makeJpeg(10, 10), name: 'a.jpg' })).image;
    const lead = (await media.importImage({ bytes: makeJpeg(11, 10), name: 'b.jpg' })).image;
    const inRevision = (await media.importImage({ bytes: makeJpeg(12, 10), name: 'c.jpg' })).image;
    const unused = (await media.importImage({ bytes: makeJpeg(13, 10), name: 'd.jpg' })).image;
    const draft = services.drafts.create();
    const bodyWith = (image: ImageRef): string =>
      JSON.stringify({
        format: 'copydesk.body',
        version: 1,
        lexical: '0.52.0',
        editorState: { root: { type: 'root', children: [{ type: 'image-figure', version: 1, ...image }] } },
      });
    services.drafts.save({ id: draft.id, meta: { ...draft.meta, leadImage: lead }, body: bodyWith(kept) });
    // A History version (stored compressed) from before the figure was replaced.
    services.drafts.save({
      id: draft.id,
      meta: { ...draft.meta, leadImage: lead },
      body: bodyWith(inRevision),
    });
    services.drafts.recordRevision(draft.id, { kind: 'edited', label: 'Edited' });
    services.drafts.save({ id: draft.id, meta: { ...draft.meta, leadImage: lead }, body: bodyWith(kept) });
    for (const image of [kept, lead, inRevision, unused]) age(image.hash, 2 * DAY);

    const result = await media.collectUnusedMedia();

    expect(result.removed).toEqual([unused.hash]);
    expect(result.freedBytes).toBeGreaterThan(0);
    expect(existsSync(media.mediaPath(inRevision.hash))).toBe(true);
    expect(existsSync(media.mediaPath(unused.hash))).toBe(false);
    expect(existsSync(media.mediaPath(kept.hash))).toBe(true);
    expect(existsSync(media.mediaPath(lead.hash))).toBe(true);
    expect(db.prepare('SELECT count(*) FROM media WHERE hash = ?').pluck().get(unused.hash)).toBe(0);
  });

  it('keeps an image referenced only by a draft in the trash', async () => {
    const image = (await media.importImage({ bytes: makeJpeg(14, 10), name: 'e.jpg' })).image;
    const draft = services.drafts.create();
    services.drafts.save({ id: draft.id, meta: { ...draft.meta, leadImage: image }, body: draft.body });
    services.drafts.trash(draft.id);
    age(image.hash, 2 * DAY);
    expect((await media.collectUnusedMedia()).removed).toEqual([]);
    expect(existsSync(media.mediaPath(image.hash))).toBe(true);
  });

  it('never removes a recently imported image that is not saved in a draft yet', async () => {
    const image = (await media.importImage({ bytes: makeJpeg(15, 10), name: 'f.jpg' })).image;
    expect((await media.collectUnusedMedia()).removed).toEqual([]);
    expect(existsSync(media.mediaPath(image.hash))).toBe(true);
  });

  it('re-importing an old unused image makes it fresh again', async () => {
    const bytes = makeJpeg(16, 10);
    const image = (await media.importImage({ bytes, name: 'g.jpg' })).image;
    age(image.hash, 2 * DAY);
    await media.importImage({ bytes, name: 'g again.jpg' });
    expect(Date.now() - statSync(media.mediaPath(image.hash)).mtimeMs).toBeLessThan(DAY);
    expect((await media.collectUnusedMedia()).removed).toEqual([]);
  });

  it('removes stale temporary files left by an interrupted write', async () => {
    const image = (await media.importImage({ bytes: makeJpeg(17, 10), name: 'h.jpg' })).image;
    const temp = `${media.mediaPath(image.hash)}.123.abcdef.tmp`;
    writeFileSync(temp, 'partial');
    const old = (Date.now() - 2 * DAY) / 1000;
    utimesSync(temp, old, old);
    await media.collectUnusedMedia();
    expect(existsSync(temp)).toBe(false);
  });
});

describe('cleanup at start', () => {
  it('createServices removes old unused images once, shortly after start', async () => {
    const image = (await media.importImage({ bytes: makeJpeg(18, 10), name: 'old.jpg' })).image;
    const path = media.mediaPath(image.hash);
    services.close();
    const old = (Date.now() - 2 * 24 * 60 * 60 * 1000) / 1000;
    utimesSync(path, old, old);
    services = createServices({
      dataDir,
      shell: 'browser',
      version: 'test',
      openExternal: async () => undefined,
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 20,
    });
    await expect.poll(() => existsSync(path), { timeout: 5_000 }).toBe(false);
  });
});

describe('stand-alone store', () => {
  it('works on a database without the media table (files are the truth)', async () => {
    const bare = new Database(':memory:');
    const store = createMediaStore({ dataDir, db: bare });
    const { image } = await store.importImage({ bytes: makePng(), name: 'x.png' });
    expect((await store.readImage(image.hash))?.mime).toBe('image/png');
    bare.close();
  });
});

describe('no image is lost to clean-up (item 6)', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const old = (path: string, ms: number): void => {
    const when = (Date.now() - ms) / 1000;
    utimesSync(path, when, when);
  };

  it('moves an unused image to media-trash/ instead of deleting it, and deletes it from there after 30 days', async () => {
    const bytes = makeJpeg(19, 10);
    const image = (await media.importImage({ bytes, name: 'unused.jpg' })).image;
    old(media.mediaPath(image.hash), 2 * DAY);

    expect((await media.collectUnusedMedia()).removed).toEqual([image.hash]);
    const trashed = join(dataDir, 'media-trash', image.hash);
    expect(existsSync(media.mediaPath(image.hash))).toBe(false);
    expect(readFileSync(trashed).equals(Buffer.from(bytes))).toBe(true);

    // 29 days later it is still there; after 30 it is gone.
    old(trashed, 29 * DAY);
    expect((await media.collectUnusedMedia()).purged).toEqual([]);
    expect(existsSync(trashed)).toBe(true);
    old(trashed, 30 * DAY + 60_000);
    expect((await media.collectUnusedMedia()).purged).toEqual([image.hash]);
    expect(existsSync(trashed)).toBe(false);
  });

  it('an image a document needs again comes back from the trash when it is read', async () => {
    const bytes = makeJpeg(20, 10);
    const image = (await media.importImage({ bytes, name: 'back.jpg' })).image;
    old(media.mediaPath(image.hash), 2 * DAY);
    await media.collectUnusedMedia();
    const read = await media.readImage(image.hash);
    expect(read?.mime).toBe('image/jpeg');
    expect(read?.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(existsSync(media.mediaPath(image.hash))).toBe(true);
    expect(existsSync(join(dataDir, 'media-trash', image.hash))).toBe(false);
  });

  it('a start that recovered a damaged database removes no image, even one only the damaged file used', async () => {
    // The backup predates the draft that uses the image.
    services.drafts.create();
    expect(await services.backupNow()).not.toBeNull();
    const image = (await media.importImage({ bytes: makeJpeg(21, 10), name: 'only-in-new-draft.jpg' })).image;
    const draft = services.drafts.create();
    services.drafts.save({ id: draft.id, meta: { ...draft.meta, leadImage: image }, body: draft.body });
    const path = media.mediaPath(image.hash);
    services.close();
    old(path, 2 * DAY);
    writeFileSync(join(dataDir, 'copydesk.sqlite'), Buffer.alloc(8192, 4));
    rmSync(join(dataDir, 'copydesk.sqlite-wal'), { force: true });

    services = createServices({
      dataDir,
      shell: 'browser',
      version: 'test',
      openExternal: async () => undefined,
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 20,
    });
    expect(services.notices[0]?.message).toMatch(/restored from the backup/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(existsSync(path)).toBe(true);
    expect(existsSync(join(dataDir, 'media-trash', image.hash))).toBe(false);
  });
});
