// Item 8, the services' side: when the store refuses writes, drafts:save
// answers with a message that says what failed (never "something went
// wrong"), nothing stored is lost, the next save after the cause is gone
// succeeds, and storage:saveUnsavedCopy keeps the article in a file outside
// the data folder. Disk full: SQLite's max_page_count on the services' own
// connection (deterministic everywhere). A data folder that refuses writes:
// `chattr +i` on the folder and its files while the app has them open (root
// cannot write through an immutable file either; Linux only).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { createServices, type Services } from '../../src-main/services/createServices';
import { StoreOpenError } from '../../src-main/services/store/storeErrors';

let dir: string;
let documents: string;
let services: Services;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-full-'));
  documents = mkdtempSync(join(tmpdir(), 'copydesk-documents-'));
  services = createServices({
    dataDir: dir,
    shell: 'browser',
    version: '1.0.0',
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    documentsDir: documents,
    openExternal: async () => {},
  });
});
afterEach(() => {
  services.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(documents, { recursive: true, force: true });
});

function bodyWith(text: string): string {
  return JSON.stringify({
    format: 'copydesk.body',
    version: 1,
    lexical: '0.52.0',
    editorState: {
      root: {
        type: 'root',
        version: 1,
        children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text }] }],
      },
    },
  });
}

/** Saves on top of whatever is stored now (drafts:save carries the revision it was based on). */
async function save(id: string, headline: string, text: string) {
  const stored = await services.dispatch('drafts:get', { id });
  if (!stored.ok) throw new Error(stored.error.message);
  const baseRevision = (stored.value as { revision: number }).revision;
  return services.dispatch('drafts:save', {
    id,
    meta: { ...emptyMeta(), headline },
    body: bodyWith(text),
    baseRevision,
  });
}

async function newDraftId(): Promise<string> {
  const created = await services.dispatch('drafts:create', {});
  if (!created.ok) throw new Error(created.error.message);
  return (created.value as { id: string }).id;
}

function canChattr(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'copydesk-chattr-probe-'));
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('saves the store refuses', () => {
  it('a full disk (max_page_count): a clear message, the stored text kept, and the retry succeeds once there is room', async () => {
    const id = await newDraftId();
    expect((await save(id, 'Stored before', 'short')).ok).toBe(true);
    const pages = services.store.db.pragma('page_count', { simple: true }) as number;
    services.store.db.pragma(`max_page_count = ${pages}`);

    const refused = await save(id, 'Too big now', 'long text '.repeat(20_000));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'storage_full', message: expect.stringMatching(/disk is full.*keeps trying/) },
    });
    const stored = await services.dispatch('drafts:get', { id });
    expect(stored.ok && (stored.value as { meta: { headline: string } }).meta.headline).toBe('Stored before');

    services.store.db.pragma(`max_page_count = ${pages * 100}`);
    expect((await save(id, 'Too big now', 'long text '.repeat(20_000))).ok).toBe(true);
  });

  it.skipIf(!canChattr())(
    'a data folder that refuses writes (chattr +i): says the folder cannot be written, then recovers',
    async () => {
      const id = await newDraftId();
      expect((await save(id, 'Before', 'first')).ok).toBe(true);
      const files = readdirSync(dir)
        // Not -shm: SQLite maps it into memory, and an immutable mapping ends the process (SIGBUS).
        .filter((name) => name === 'copydesk.sqlite' || name === 'copydesk.sqlite-wal')
        .map((name) => join(dir, name));
      execFileSync('chattr', ['+i', ...files, dir]);
      let refused;
      try {
        refused = await save(id, 'During', 'second');
      } finally {
        execFileSync('chattr', ['-i', ...files, dir]);
      }
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'storage_readonly',
          message: expect.stringMatching(/cannot write to its data folder.*keeps trying/),
        },
      });
      expect((await save(id, 'After', 'third')).ok).toBe(true);
      const stored = await services.dispatch('drafts:get', { id });
      expect(stored.ok && (stored.value as { meta: { headline: string } }).meta.headline).toBe('After');
    },
  );

  it.skipIf(!canChattr())(
    'a data folder that refuses writes from the start: a clear message, not a crash',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'copydesk-immutable-'));
      execFileSync('chattr', ['+i', folder]);
      let caught: unknown;
      try {
        createServices({
          dataDir: folder,
          shell: 'browser',
          version: '1',
          backupIntervalMs: 0,
          openExternal: async () => {},
        });
      } catch (error) {
        caught = error;
      } finally {
        execFileSync('chattr', ['-i', folder]);
        rmSync(folder, { recursive: true, force: true });
      }
      expect(caught).toBeInstanceOf(StoreOpenError);
      expect((caught as StoreOpenError).reason).toBe('data_dir_unusable');
      expect((caught as StoreOpenError).message).toMatch(/cannot use the data folder .*--data-dir/);
    },
  );

  it('storage:saveUnsavedCopy writes the article to a new owner-only file outside the data folder', async () => {
    const meta = { ...emptyMeta(), headline: 'Council <votes> tonight' };
    const first = await services.dispatch('storage:saveUnsavedCopy', {
      meta,
      body: bodyWith('The unsaved paragraph.'),
    });
    const second = await services.dispatch('storage:saveUnsavedCopy', { meta, body: bodyWith('Again.') });
    if (!first.ok || !second.ok) throw new Error('the copy was not written');
    const path = (first.value as { path: string }).path;
    expect(path.startsWith(join(documents, 'Copydesk unsaved'))).toBe(true);
    expect((second.value as { path: string }).path).not.toBe(path);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<h1>Council &lt;votes&gt; tonight</h1>');
    expect(html).toContain('The unsaved paragraph.');
    expect(html).toContain('id="copydesk-draft"');
    expect(html).not.toContain('<votes>');
    if (process.platform !== 'win32') expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });
});
