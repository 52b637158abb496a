// Redirects keep credentials only on the same origin (issue 7, item 12): two
// real HTTP servers on 127.0.0.1, on different ports (= different origins),
// reached through the publishing service's channels as the app uses them.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { createFileSecretStore } from '../../src-main/services/publish/fileSecretStore';
import { createPublishService, type PublishService } from '../../src-main/services/publish/publishService';
import { openStore } from '../../src-main/services/store/openStore';
import { emptyMeta } from '../../src-shared/article';
import { articleBody, tempDataDir } from '../support/publishHarness';

const TOKEN = 'redirect-test-token-8c1f';

interface Recorder {
  origin: string;
  seen: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A server that records every request and answers with `route`. */
async function recorder(
  route: (
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
  ) => { status: number; headers?: Record<string, string>; body?: unknown },
): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '/';
      seen.push({ method: req.method ?? 'GET', path, headers: req.headers });
      const answer = route(req.method ?? 'GET', path, req.headers);
      const text = JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Answers like a contract endpoint when the token is right, 401 otherwise. */
const endpoint = (method: string, _path: string, headers: IncomingHttpHeaders) => {
  if (headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { message: 'No token' } };
  if (method === 'GET') return { status: 200, body: { ok: true } };
  return { status: 201, body: { id: 'a1', url: 'http://127.0.0.1/news/a1' } };
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function service(): { publishing: PublishService; draftId: string } {
  const dataDir = tempDataDir();
  const { store } = openStore({ dataDir });
  const drafts = createDraftRepository(store.db, Date.now);
  const publishing = createPublishService({
    db: store.db,
    dataDir,
    drafts,
    secrets: createFileSecretStore(dataDir),
    readImage: () => Promise.reject(new Error('no images here')),
    now: Date.now,
    outbox: { backoff: { baseMs: 5, capMs: 20, maxRetryAfterMs: 20 } },
    log: { error: () => undefined },
  });
  publishing.start();
  cleanups.push(async () => {
    await publishing.stop();
    store.close();
  });
  const draft = drafts.create();
  drafts.save({
    id: draft.id,
    meta: { ...emptyMeta(), headline: 'Redirected', standfirst: 'S.', byline: 'B' },
    body: articleBody(['Body.']),
  });
  return { publishing, draftId: draft.id };
}

async function saveTarget(publishing: PublishService, url: string): Promise<string> {
  const saved = await publishing.handlers['targets:save']({
    kind: 'http-json',
    name: 'Moved API',
    config: { endpoint: url },
    secret: TOKEN,
  });
  return saved.id;
}

describe('redirects and the Authorization header', () => {
  it('keeps the token on a same-origin redirect (test connection and publish)', async () => {
    const site = await recorder((method, path, headers) =>
      path.startsWith('/old')
        ? { status: 308, headers: { Location: path.replace('/old', '/new') } }
        : endpoint(method, path, headers),
    );
    cleanups.push(site.close);
    const { publishing, draftId } = service();
    const targetId = await saveTarget(publishing, `${site.origin}/old/articles`);
    expect(await publishing.handlers['targets:test']({ id: targetId })).toMatchObject({ ok: true });
    const job = await publishing.handlers['publish:start']({ draftId, targetId });
    await publishing.outbox.settled();
    expect(publishing.outbox.get(job.id).state).toBe('published');
    const moved = site.seen.filter((request) => request.path.startsWith('/new'));
    expect(moved.map((request) => request.method)).toEqual(['GET', 'POST']);
    for (const request of moved) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('drops the token when a redirect leads to another origin (another port)', async () => {
    const elsewhere = await recorder(endpoint);
    cleanups.push(elsewhere.close);
    const site = await recorder((_method, path) => ({
      status: 307,
      headers: { Location: `${elsewhere.origin}${path}` },
    }));
    cleanups.push(site.close);
    const { publishing, draftId } = service();
    const targetId = await saveTarget(publishing, `${site.origin}/articles`);
    const tested = await publishing.handlers['targets:test']({ id: targetId });
    expect(tested.ok).toBe(false);
    const job = await publishing.handlers['publish:start']({ draftId, targetId });
    await publishing.outbox.settled();
    expect(publishing.outbox.get(job.id).state).toBe('failed');

    // The first server got the token; the other origin was reached but never saw it.
    expect(site.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of site.seen) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(elsewhere.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of elsewhere.seen) {
      expect(request.headers.authorization).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(TOKEN);
    }
  });
});
