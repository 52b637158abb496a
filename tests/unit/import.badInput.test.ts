// Bad input: each a clear message, nothing half-created (no draft, no
// revision, no report, no stored image).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_TEXT_BYTES } from '../../src-shared/ipc';
import {
  buildContributorDocx,
  buildHugePage,
  buildLyingZipBomb,
  buildPageWithoutArticle,
  buildSavedPage,
  buildZip,
  buildZipBomb,
  PDF_BYTES,
} from '../fixtures/importFixtures';
import { createImportHarness, type ImportHarness } from '../fixtures/importHarness';
import { makePng } from '../fixtures/makeImages';

let harness: ImportHarness;
beforeEach(() => {
  harness = createImportHarness();
});
afterEach(() => harness.close());

function storedImages(): string[] {
  const root = join(harness.dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

async function refused(files: Record<string, Uint8Array | string>, main: string): Promise<string> {
  const result = await harness.importFiles(files, main);
  if (result.ok) throw new Error(`expected ${main} to be refused`);
  expect(harness.services.drafts.hasAny()).toBe(false);
  expect(storedImages()).toEqual([]);
  expect(
    existsSync(join(harness.dataDir, 'imports')) ? readdirSync(join(harness.dataDir, 'imports')) : [],
  ).toEqual([]);
  return result.error.message;
}

describe('import refuses bad input', () => {
  it('a corrupt .docx (cut short)', async () => {
    const docx = await buildContributorDocx();
    const message = await refused({ 'cut.docx': docx.subarray(0, Math.floor(docx.length / 2)) }, 'cut.docx');
    expect(message).toMatch(/“cut\.docx” is damaged .* Open it in Word/);
  });

  it('a .docx that is a zip bomb, before anything is unpacked', async () => {
    const message = await refused({ 'bomb.docx': buildZipBomb(200) }, 'bomb.docx');
    expect(message).toMatch(/“bomb\.docx” was not imported: it would unpack to more than 150 MB.*zip bomb/);
  });

  it('a zip bomb whose table of contents lies about the sizes', async () => {
    const message = await refused({ 'liar.docx': buildLyingZipBomb() }, 'liar.docx');
    expect(message).toMatch(/unpacks to more than it says.*zip bomb/);
  });

  it('a zip that is not a Word document', async () => {
    const zip = buildZip([{ name: 'notes.txt', data: new TextEncoder().encode('hello') }]);
    expect(await refused({ 'notes.docx': zip }, 'notes.docx')).toMatch(/zip archive but not a Word document/);
  });

  it('a file that is not what its name says', async () => {
    expect(await refused({ 'report.docx': PDF_BYTES }, 'report.docx')).toMatch(
      /“report\.docx” is not a Word document \(\.docx\): it is a PDF/,
    );
    expect(await refused({ 'photo.html': makePng() }, 'photo.html')).toMatch(
      /“photo\.html” is not a web page: it is a PNG image/,
    );
    expect(await refused({ 'story.md': await buildContributorDocx() }, 'story.md')).toMatch(
      /“story\.md” is not a Markdown \(text\) file: it is a zip archive/,
    );
  });

  it('a 50 MB web page, above the documented limit', async () => {
    const page = buildHugePage(50);
    expect(page.byteLength).toBeGreaterThan(MAX_IMPORT_TEXT_BYTES);
    expect(await refused({ 'huge.html': page }, 'huge.html')).toMatch(
      /“huge\.html” is 50 MB; Copydesk imports web pages and Markdown files up to 10 MB/,
    );
  });

  it('a page with no article', async () => {
    expect(await refused({ 'index.html': buildPageWithoutArticle() }, 'index.html')).toMatch(
      /found no article in “index\.html”/,
    );
  });

  it('an empty file', async () => {
    expect(await refused({ 'empty.md': new Uint8Array(0) }, 'empty.md')).toMatch(/“empty\.md” is empty/);
  });

  it('takes its stored images back when the draft cannot be written', async () => {
    // The reports folder cannot be created (a file is in its way), so the transaction fails after the images were stored.
    writeFileSync(join(harness.dataDir, 'imports'), 'in the way');
    const page = buildSavedPage();
    const result = await harness.importFiles(
      { 'night-buses.html': page.html, ...page.files },
      'night-buses.html',
    );
    expect(result.ok).toBe(false);
    expect(harness.services.drafts.hasAny()).toBe(false);
    expect(storedImages()).toEqual([]);
    expect(harness.services.store.db.prepare('SELECT count(*) FROM media').pluck().get()).toBe(0);
  });

  it('still imports a good file after a refusal, with only its own images', async () => {
    await refused({ 'bomb.docx': buildZipBomb(200) }, 'bomb.docx');
    const result = await harness.importFiles(
      { 'plots.md': '# Fine\n\n![A plot](p.png)\n', 'p.png': makePng() },
      'plots.md',
    );
    expect(result.ok).toBe(true);
    expect(storedImages()).toHaveLength(1);
  });

  it('refuses a run for a file that never arrived, and a malformed request, in words', async () => {
    const missing = await harness.services.dispatch('import:run', {
      session: 'never-staged-1',
      path: 'ghost.docx',
    });
    expect(missing).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: '“ghost.docx” did not arrive in full. Choose it again with Import.',
      },
    });
    const malformed = await harness.services.dispatch('import:stage', {
      session: 'x',
      path: 'a.md',
      bytes: 'text',
    });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.error.code).toBe('invalid_input');
    expect(harness.services.drafts.hasAny()).toBe(false);
  });
});
