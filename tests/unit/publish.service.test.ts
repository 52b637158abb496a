import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { createPublishService, type PublishService } from '../../src-main/services/publish/publishService';
import {
  createFileSecretStore,
  BROWSER_SHELL_SECRETS_FILE,
} from '../../src-main/services/publish/fileSecretStore';
import { createDraftRepository, type DraftRepository } from '../../src-main/services/drafts/draftRepository';
import { openStore, type Store } from '../../src-main/services/store/openStore';
import { startFaultServer } from '../support/faultServer';
import { articleBody, tempDataDir, testImage } from '../support/publishHarness';

interface Setup {
  dataDir: string;
  store: Store;
  drafts: DraftRepository;
  publishing: PublishService;
  images: Map<string, Buffer>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(dataDir = tempDataDir(), images = new Map<string, Buffer>()): Setup {
  const { store } = openStore({ dataDir });
  const drafts = createDraftRepository(store.db, Date.now);
  const publishing = createPublishService({
    db: store.db,
    dataDir,
    drafts,
    secrets: createFileSecretStore(dataDir),
    readImage: async (hash) => images.get(hash) ?? Promise.reject(new Error('missing')),
    now: Date.now,
    outbox: { backoff: { baseMs: 5, capMs: 20, maxRetryAfterMs: 20 } },
    log: { error: () => undefined },
  });
  publishing.start();
  cleanups.push(async () => {
    await publishing.stop();
    store.close();
  });
  return { dataDir, store, drafts, publishing, images };
}

function readyDraft(s: Setup, headline = 'Bridge opens after a decade'): string {
  const lead = testImage(1);
  const figure = testImage(2);
  s.images.set(lead.ref.hash, lead.bytes);
  s.images.set(figure.ref.hash, figure.bytes);
  const draft = s.drafts.create();
  s.drafts.save({
    id: draft.id,
    meta: {
      ...emptyMeta(),
      headline,
      standfirst: 'It took ten years.',
      byline: 'Sam Reporter',
      leadImage: lead.ref,
    },
    body: articleBody(['The bridge opened on Monday.'], [figure.ref]),
  });
  return draft.id;
}

describe('publishing service', () => {
  it('gives a fresh data folder one default "Local folder" target inside the data folder', async () => {
    const s = setup();
    const { targets, secretStore } = await s.publishing.handlers['targets:list']({});
    expect(targets).toEqual([
      expect.objectContaining({
        kind: 'local-folder',
        name: 'Local folder',
        isDefault: true,
        hasSecret: false,
        config: { folder: join(s.dataDir, 'Copydesk Published') },
      }),
    ]);
    expect(secretStore.kind).toBe('browser-shell-file');
    expect(secretStore.warning).toMatch(/browser shell/);
  });

  it('publishes to the local folder: index.html with its images, a file:// URL, and updates the same folder next time', async () => {
    const s = setup();
    const draftId = readyDraft(s);
    const job = await s.publishing.handlers['publish:start']({ draftId });
    await s.publishing.outbox.settled();
    const done = s.publishing.outbox.get(job.id);
    expect(done.state).toBe('published');
    const indexPath = fileURLToPath(done.url!);
    expect(indexPath).toBe(
      join(s.dataDir, 'Copydesk Published', 'bridge-opens-after-a-decade', 'index.html'),
    );
    const html = readFileSync(indexPath, 'utf8');
    expect(html).toContain('<h1>Bridge opens after a decade</h1>');
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(existsSync(join(indexPath, '..', src))).toBe(true);

    const draft = s.drafts.get(draftId);
    s.drafts.save({
      id: draftId,
      meta: { ...draft.meta, headline: 'Bridge opens at last' },
      body: draft.body,
    });
    const again = await s.publishing.handlers['publish:start']({ draftId });
    await s.publishing.outbox.settled();
    expect(s.publishing.outbox.get(again.id).url).toBe(done.url);
    expect(readFileSync(indexPath, 'utf8')).toContain('<h1>Bridge opens at last</h1>');
  });

  it('gives a second draft with the same slug its own folder instead of overwriting', async () => {
    const s = setup();
    const first = await s.publishing.handlers['publish:start']({ draftId: readyDraft(s, 'Same headline') });
    const second = await s.publishing.handlers['publish:start']({ draftId: readyDraft(s, 'Same headline') });
    await s.publishing.outbox.settled();
    expect(s.publishing.outbox.get(first.id).remoteId).toBe('same-headline');
    expect(s.publishing.outbox.get(second.id).remoteId).toBe('same-headline-2');
  });

  it('refuses to start a publish while blocking findings remain, naming them', async () => {
    const s = setup();
    const draft = s.drafts.create();
    await expect(async () => s.publishing.handlers['publish:start']({ draftId: draft.id })).rejects.toThrow(
      /no headline.*body is empty/,
    );
    expect(s.publishing.outbox.list()).toEqual([]);
  });

  it('blocks links the shipped spam list names before the desk has saved a list of its own', async () => {
    const s = setup();
    expect((await s.publishing.handlers['publish:getSettings']({})).spamDomains).toContain('*online-casino*');
    const draftId = readyDraft(s);
    const draft = s.drafts.get(draftId);
    const body = JSON.parse(draft.body) as { editorState: { root: { children: unknown[] } } };
    body.editorState.root.children.push({
      type: 'paragraph',
      version: 1,
      children: [
        {
          type: 'link',
          url: 'https://play.best-online-casino.example/',
          version: 1,
          children: [{ type: 'text', text: 'spin', version: 1 }],
        },
      ],
    });
    s.drafts.save({ id: draftId, meta: draft.meta, body: JSON.stringify(body) });
    const result = await s.publishing.handlers['publish:check']({ draftId });
    expect(result.findings.map((f) => f.id)).toContain('link-spam');
    // A desk's own list replaces the shipped one.
    await s.publishing.handlers['publish:saveSettings']({ spamDomains: ['other.example'] });
    expect(
      (await s.publishing.handlers['publish:check']({ draftId })).findings.map((f) => f.id),
    ).not.toContain('link-spam');
  });

  it('flags links to configured spam domains', async () => {
    const s = setup();
    const draftId = readyDraft(s);
    const draft = s.drafts.get(draftId);
    const body = JSON.parse(draft.body) as { editorState: { root: { children: unknown[] } } };
    body.editorState.root.children.push({
      type: 'paragraph',
      version: 1,
      children: [
        {
          type: 'link',
          url: 'https://www.casino-spam.example/x',
          version: 1,
          children: [{ type: 'text', text: 'win', version: 1 }],
        },
      ],
    });
    s.drafts.save({ id: draftId, meta: draft.meta, body: JSON.stringify(body) });
    expect((await s.publishing.handlers['publish:check']({ draftId })).blocking).toBe(false);
    await s.publishing.handlers['publish:saveSettings']({ spamDomains: ['casino-spam.example'] });
    const result = await s.publishing.handlers['publish:check']({ draftId });
    expect(result.blocking).toBe(true);
    expect(result.findings.map((f) => f.id)).toContain('link-spam');
  });

  it('stores a token write-only: never in SQLite, never returned, in a 0600 file', async () => {
    const s = setup();
    const server = await startFaultServer({ token: 'sekrit-token-123' });
    cleanups.push(() => server.close());
    const saved = await s.publishing.handlers['targets:save']({
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint: server.endpoint },
      secret: 'sekrit-token-123',
    });
    expect(saved.hasSecret).toBe(true);
    expect(JSON.stringify(await s.publishing.handlers['targets:list']({}))).not.toContain('sekrit');
    s.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(s.store.databasePath).includes('sekrit-token-123')).toBe(false);
    expect(statSync(join(s.dataDir, BROWSER_SHELL_SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(await s.publishing.handlers['targets:test']({ id: saved.id })).toEqual({
      ok: true,
      message: expect.stringContaining('token was accepted'),
    });
    expect(await s.publishing.handlers['targets:test']({ id: saved.id, secret: 'wrong' })).toEqual({
      ok: false,
      message: expect.stringMatching(/401.*token/),
    });
  });

  it('refuses an http endpoint that is not this computer, and a non-http URL', async () => {
    const s = setup();
    const save = async (endpoint: string) =>
      s.publishing.handlers['targets:save']({ kind: 'http-json', name: 'X', config: { endpoint } });
    await expect(save('http://news.example.com/api')).rejects.toThrow(/plain http/);
    await expect(save('ftp://news.example.com/api')).rejects.toThrow(/must start with https/);
    await expect(save('not a url')).rejects.toThrow(/not a valid web address/);
  });

  it('resumes the queue after a restart', async () => {
    const dataDir = tempDataDir();
    const first = setup(dataDir);
    const server = await startFaultServer({ faultFor: () => 'error-500' });
    cleanups.push(() => server.close());
    const target = await first.publishing.handlers['targets:save']({
      kind: 'http-json',
      name: 'API',
      config: { endpoint: server.endpoint },
      secret: server.token,
    });
    const job = await first.publishing.handlers['publish:start']({
      draftId: readyDraft(first),
      targetId: target.id,
    });
    for (let waited = 0; waited < 5_000 && !first.publishing.outbox.get(job.id).lastError; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const listed = await first.publishing.handlers['outbox:list']({});
    expect(listed.jobs[0]).toMatchObject({
      id: job.id,
      state: expect.stringMatching(/retrying|sending/),
      lastError: expect.stringMatching(/HTTP 500/),
    });
    await first.publishing.stop();
    first.store.close();

    server.setFault(() => 'none');
    // The media folder outlives the process; the harness keeps image bytes in memory.
    const second = setup(dataDir, first.images);
    await second.publishing.outbox.settled();
    expect(second.publishing.outbox.get(job.id).state).toBe('published');
    expect(server.created()).toBe(1);
  });
});
