// "Compare with the site before updating" for HTTP JSON targets, through the
// channels, against the real HTTP JSON test server on 127.0.0.1
// (tests/support/faultServer.ts): publish, someone edits the article on the
// site (editOnSite, what the contract's GET <endpoint>/<id> then answers),
// and Copydesk notices before updating. Also: what a site that cannot be read
// tells the editor, and that it does not hold the update back.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta, type Draft } from '../../src-shared/article';
import type { Channel, ChannelInput, ChannelOutput, Result } from '../../src-shared/ipc';
import type { Services } from '../../src-main/services/createServices';
import { openQuietServices } from '../support/quietServices';
import { createFileSecretStore } from '../../src-main/services/publish/fileSecretStore';
import { createSiteCompare } from '../../src-main/services/publish/siteCompare';
import { startFaultServer, type FaultServer } from '../support/faultServer';
import { articleBody } from '../support/publishHarness';

let dir: string;
let services: Services;
let server: FaultServer;
const servers: FaultServer[] = [];

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await services.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const HEADLINE = 'Tide tables change';
const STANDFIRST = 'New times from Monday.';
const PARAGRAPH = 'The harbour office publishes new tide tables.';

interface Published {
  targetId: string;
  draftId: string;
  revision: number;
  remoteId: string;
}

const ids = ({ draftId, targetId }: Published) => ({ draftId, targetId });

/** An HTTP JSON target on the test server and a draft published there, its copy kept. */
async function publishOnce(): Promise<Published> {
  const target = await call('targets:save', {
    kind: 'http-json',
    name: 'Newsroom API',
    config: { endpoint: server.endpoint },
    secret: server.token,
  });
  const draft: Draft = await call('drafts:create', {});
  const revision = (
    await call('drafts:save', {
      id: draft.id,
      meta: { ...emptyMeta(), headline: HEADLINE, standfirst: STANDFIRST },
      body: articleBody([PARAGRAPH]),
      baseRevision: draft.revision,
    })
  ).revision;
  await call('publish:start', { draftId: draft.id, targetId: target.id });
  await services.publishing.outbox.settled();
  const [publication] = (await call('publish:publications', { draftId: draft.id })).publications;
  if (!publication) throw new Error('not published');
  const copies = services.store.db.prepare('SELECT count(*) FROM site_copies WHERE draft_id = ?').pluck();
  await until(() => copies.get(draft.id) === 1);
  return { targetId: target.id, draftId: draft.id, revision, remoteId: publication.remoteId };
}

/** Copydesk's own edit after publishing. */
async function editInCopydesk(published: Published, meta: Partial<ArticleMeta>, paragraph: string) {
  await call('drafts:save', {
    id: published.draftId,
    meta: { ...emptyMeta(), headline: HEADLINE, standfirst: STANDFIRST, ...meta },
    body: articleBody([paragraph]),
    baseRevision: published.revision,
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const port = (server: Server): number => (server.address() as AddressInfo).port;
const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

function storedHtml(remoteId: string): string {
  return String(server.articles.get(remoteId)!.payload.html);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-site-http-'));
  server = await startFaultServer();
  servers.push(server);
  services = openQuietServices(dir, {
    publishing: { backoff: { baseMs: 5, capMs: 40, maxRetryAfterMs: 30 }, attemptTimeoutMs: 5_000 },
  });
});
afterEach(async () => {
  services?.close();
  for (const open of servers.splice(0)) await open.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('compare with the site before updating (HTTP JSON)', () => {
  it('keeps the headline, standfirst and article body the endpoint answers, and a site that still holds them lets the update go', async () => {
    const published = await publishOnce();
    const kept = services.store.db
      .prepare('SELECT remote_id, title, excerpt, content FROM site_copies WHERE draft_id = ?')
      .get(published.draftId) as { remote_id: string; title: string; excerpt: string; content: string };
    expect(kept).toMatchObject({ remote_id: published.remoteId, title: HEADLINE, excerpt: STANDFIRST });
    expect(kept.content).toBe(`<p>${PARAGRAPH}</p>`);
    expect(await call('site:check', ids(published))).toEqual({ state: 'same' });

    await editInCopydesk(published, { headline: `${HEADLINE}, updated` }, `${PARAGRAPH} Updated.`);
    await call('publish:start', { draftId: published.draftId, targetId: published.targetId });
    await services.publishing.outbox.settled();
    const article = server.articles.get(published.remoteId)!;
    expect(article.updates).toBe(1);
    expect(article.headline).toBe(`${HEADLINE}, updated`);
    expect(server.created()).toBe(1);
  });

  it('notices an edit made on the site, shows both texts and holds the update back; Keep site changes records a History version, then the update goes', async () => {
    const published = await publishOnce();
    // Someone corrects the article on the site.
    server.editOnSite(published.remoteId, {
      headline: `${HEADLINE} (corrected on the site): < 2 m & > 1 m`,
      html: storedHtml(published.remoteId).replace(PARAGRAPH, `${PARAGRAPH} Every week.`),
    });

    const check = await call('site:check', ids(published));
    expect(check).toEqual({
      state: 'changed',
      published: { title: HEADLINE, excerpt: STANDFIRST, text: PARAGRAPH },
      site: {
        // Plain text as the endpoint answers it: not read as HTML.
        title: `${HEADLINE} (corrected on the site): < 2 m & > 1 m`,
        excerpt: STANDFIRST,
        text: `${PARAGRAPH} Every week.`,
      },
    });

    await editInCopydesk(published, { headline: `${HEADLINE}, updated` }, `${PARAGRAPH} Updated.`);
    const refused = await services.dispatch('publish:start', {
      draftId: published.draftId,
      targetId: published.targetId,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: /Someone changed this article on “Newsroom API”/ },
    });
    expect(server.articles.get(published.remoteId)!.updates).toBe(0);

    expect(await call('site:resolve', { ...ids(published), choice: 'keep' })).toEqual({
      label: 'Site changes from Newsroom API',
    });
    const { entries } = await call('history:list', { draftId: published.draftId });
    const kept = entries.find((entry) => entry.label === 'Site changes from Newsroom API');
    expect(kept?.kind).toBe('site-changes');
    const version = await call('history:get', { draftId: published.draftId, seq: kept!.seq });
    expect(version.meta.headline).toBe(`${HEADLINE} (corrected on the site): < 2 m & > 1 m`);
    expect(version.meta.standfirst).toBe(STANDFIRST);
    expect(version.body).toContain('Every week.');
    expect(await call('site:check', ids(published))).toEqual({ state: 'same' });

    await call('publish:start', { draftId: published.draftId, targetId: published.targetId });
    await services.publishing.outbox.settled();
    const article = server.articles.get(published.remoteId)!;
    expect(article.updates).toBe(1);
    expect(article.headline).toBe(`${HEADLINE}, updated`);
    expect(server.created()).toBe(1);
  });

  it('Overwrite site records no version and lets the update replace the site’s edit', async () => {
    const published = await publishOnce();
    server.editOnSite(published.remoteId, { standfirst: 'Changed on the site.' });
    const check = await call('site:check', ids(published));
    expect(check.state).toBe('changed');
    if (check.state === 'changed') expect(check.site.excerpt).toBe('Changed on the site.');

    expect(await call('site:resolve', { ...ids(published), choice: 'overwrite' })).toEqual({ label: null });
    const { entries } = await call('history:list', { draftId: published.draftId });
    expect(entries.some((entry) => entry.kind === 'site-changes')).toBe(false);

    await editInCopydesk(published, {}, `${PARAGRAPH} Updated.`);
    await call('publish:start', { draftId: published.draftId, targetId: published.targetId });
    await services.publishing.outbox.settled();
    const payload = server.articles.get(published.remoteId)!.payload;
    expect((payload.article as { standfirst: string }).standfirst).toBe(STANDFIRST);
    expect(String(payload.html)).toContain('Updated.');
  });

  it.each([
    [
      'a server error (HTTP 500)',
      'error-500',
      /server had a problem reading the article at the endpoint \(HTTP 500\)/,
    ],
    ['a reply that is not JSON', 'malformed-json', /reply reading the article at the endpoint was not JSON/],
    ['a reply over the size cap', 'huge-reply', /larger than 5 MB/],
    [
      'a reply without the article text',
      'no-text',
      /does not include the article's text.*article\.headline, article\.standfirst and html/,
    ],
  ] as const)(
    '%s: check says it could not compare, and why; the update is not held back',
    async (_name, fault, message) => {
      const published = await publishOnce();
      server.setReadFault(fault);
      const check = await call('site:check', ids(published));
      expect(check).toMatchObject({ state: 'unreachable', message });
      if (check.state === 'unreachable') expect(check.message).not.toContain(server.token);
      await editInCopydesk(published, {}, `${PARAGRAPH} Updated.`);
      const started = await services.dispatch('publish:start', {
        draftId: published.draftId,
        targetId: published.targetId,
      });
      expect(started.ok).toBe(true);
      // Keep/Overwrite need the site's text: refused with the same reason.
      expect(await services.dispatch('site:resolve', { ...ids(published), choice: 'keep' })).toMatchObject({
        ok: false,
        error: { code: 'network', message },
      });
    },
  );

  it('an endpoint whose GET answers no article text: publishing works, and check says why it cannot compare', async () => {
    server.setReadFault('no-text');
    const target = await call('targets:save', {
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint: server.endpoint },
      secret: server.token,
    });
    const draft: Draft = await call('drafts:create', {});
    await call('drafts:save', {
      id: draft.id,
      meta: { ...emptyMeta(), headline: HEADLINE },
      body: articleBody([PARAGRAPH]),
      baseRevision: draft.revision,
    });
    await call('publish:start', { draftId: draft.id, targetId: target.id });
    await services.publishing.outbox.settled();
    await until(() => server.reads() >= 1);
    expect(await call('site:check', { draftId: draft.id, targetId: target.id })).toMatchObject({
      state: 'unreachable',
      message: /does not include the article's text/,
    });
  });

  it('a server that is down: check says the connection was refused, and publish:start still queues the update', async () => {
    const published = await publishOnce();
    await server.close();
    const check = await call('site:check', ids(published));
    expect(check).toMatchObject({ state: 'unreachable', message: /refused the connection.*it may be down/ });
    await editInCopydesk(published, {}, `${PARAGRAPH} Updated.`);
    const started = await services.dispatch('publish:start', {
      draftId: published.draftId,
      targetId: published.targetId,
    });
    expect(started.ok).toBe(true);
  });

  it('a wrong token: check says the login was refused and names the token, never its value', async () => {
    const published = await publishOnce();
    const wrong = 'wrong-token-5150';
    await call('targets:save', {
      id: published.targetId,
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint: server.endpoint },
      secret: wrong,
    });
    const check = await call('site:check', ids(published));
    expect(check).toMatchObject({
      state: 'unreachable',
      message: /refused the login.*\(HTTP 401\)\. Check the token/,
    });
    if (check.state === 'unreachable') expect(check.message).not.toContain(wrong);
  });

  it('an item deleted on the site (404): check says so, and the update publishes a new item (the marker rule)', async () => {
    const published = await publishOnce();
    server.articles.delete(published.remoteId);
    expect(await call('site:check', ids(published))).toEqual({
      state: 'unreachable',
      message: `The endpoint has no item ${published.remoteId} any more (it was deleted there), so there is nothing to compare. “Publish now” publishes the article there as a new item.`,
    });
    await editInCopydesk(published, {}, `${PARAGRAPH} Updated.`);
    await call('publish:start', { draftId: published.draftId, targetId: published.targetId });
    await services.publishing.outbox.settled();
    expect(server.created()).toBe(2);
  });

  it('an item that now names another draft: check does not offer to overwrite it', async () => {
    const published = await publishOnce();
    server.articles.get(published.remoteId)!.draftId = 'someone-elses-draft';
    const check = await call('site:check', ids(published));
    expect(check).toMatchObject({ state: 'unreachable', message: /is not this article any more.*new item/ });
    expect(await services.dispatch('site:resolve', { ...ids(published), choice: 'overwrite' })).toMatchObject(
      {
        ok: false,
        error: { code: 'network' },
      },
    );
  });

  it('a target whose endpoint was edited: nothing to compare (the next publish creates there), and no request goes to the new endpoint', async () => {
    const published = await publishOnce();
    const other = await startFaultServer({ token: 'other-token' });
    servers.push(other);
    await call('targets:save', {
      id: published.targetId,
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint: other.endpoint },
      secret: 'other-token',
    });
    expect(await call('site:check', ids(published))).toEqual({ state: 'not-published' });
    expect(other.reads()).toBe(0);
  });

  it('the token goes only to the target’s own endpoint: a read redirected to another origin is sent without it', async () => {
    // Another origin that records what reached it and answers the article.
    const seen: Array<string | undefined> = [];
    let draftId = '';
    const other = await listen((req, res) => {
      seen.push(req.headers.authorization);
      json(res, 200, {
        id: 'a1',
        url: 'http://127.0.0.1/news/a1',
        draftId,
        article: { headline: HEADLINE, standfirst: STANDFIRST },
        html: `<div class="article-body"><p>${PARAGRAPH}</p></div>`,
      });
    });
    // The endpoint: stores on POST, and answers its GET with a redirect to the other origin.
    const endpointAuth: Array<string | undefined> = [];
    const front = await listen((req, res) => {
      endpointAuth.push(req.headers.authorization);
      req.resume();
      if (req.method === 'POST') return json(res, 201, { id: 'a1', url: 'http://127.0.0.1/news/a1' });
      res.writeHead(302, { Location: `http://localhost:${port(other)}/mirror/a1` });
      res.end();
    });
    try {
      const target = await call('targets:save', {
        kind: 'http-json',
        name: 'Redirecting API',
        config: { endpoint: `http://127.0.0.1:${port(front)}/articles` },
        secret: 'front-only-token',
      });
      const draft: Draft = await call('drafts:create', {});
      draftId = draft.id;
      await call('drafts:save', {
        id: draft.id,
        meta: { ...emptyMeta(), headline: HEADLINE, standfirst: STANDFIRST },
        body: articleBody([PARAGRAPH]),
        baseRevision: draft.revision,
      });
      await call('publish:start', { draftId: draft.id, targetId: target.id });
      await services.publishing.outbox.settled();
      const copies = services.store.db.prepare('SELECT count(*) FROM site_copies WHERE draft_id = ?').pluck();
      await until(() => copies.get(draft.id) === 1);
      expect(await call('site:check', { draftId: draft.id, targetId: target.id })).toEqual({ state: 'same' });
      expect(seen.length).toBeGreaterThanOrEqual(2); // read back after publishing, then the check
      expect(seen.every((header) => header === undefined)).toBe(true);
      expect(endpointAuth.every((header) => header === 'Bearer front-only-token')).toBe(true);
    } finally {
      await close(front);
      await close(other);
    }
  });

  it('a server that quotes the token in its error: the message shows it hidden', async () => {
    const token = 'quoted-token-8842';
    let reads = 0;
    const echo = await listen((req, res) => {
      req.resume();
      if (req.method === 'POST') return json(res, 201, { id: 'e1', url: 'http://127.0.0.1/news/e1' });
      reads += 1;
      // The first read (right after publishing) answers the article; later ones fail, quoting the header.
      if (reads === 1)
        return json(res, 200, {
          draftId: '',
          article: { headline: HEADLINE, standfirst: STANDFIRST },
          html: `<p>${PARAGRAPH}</p>`,
        });
      json(res, 503, { message: `Quota exceeded for ${String(req.headers.authorization)}` });
    });
    try {
      const target = await call('targets:save', {
        kind: 'http-json',
        name: 'Echo API',
        config: { endpoint: `http://127.0.0.1:${port(echo)}/articles` },
        secret: token,
      });
      const draft: Draft = await call('drafts:create', {});
      await call('drafts:save', {
        id: draft.id,
        meta: { ...emptyMeta(), headline: HEADLINE, standfirst: STANDFIRST },
        body: articleBody([PARAGRAPH]),
        baseRevision: draft.revision,
      });
      await call('publish:start', { draftId: draft.id, targetId: target.id });
      await services.publishing.outbox.settled();
      await until(() => reads >= 1);
      const check = await call('site:check', { draftId: draft.id, targetId: target.id });
      expect(check).toMatchObject({
        state: 'unreachable',
        message: /HTTP 503.*Quota exceeded for Bearer \[hidden\]/,
      });
      expect(JSON.stringify(check)).not.toContain(token);
    } finally {
      await close(echo);
    }
  });

  it('a site that does not answer in time is unreachable, with a message that says so', async () => {
    const published = await publishOnce();
    server.setReadFault('hang');
    const site = createSiteCompare({
      db: services.store.db,
      targets: services.publishing.targets,
      secrets: createFileSecretStore(dir),
      drafts: services.drafts,
      readTimeoutMs: 300,
      now: () => Date.now(),
    });
    expect(await site.check(published.draftId, published.targetId)).toMatchObject({
      state: 'unreachable',
      message: /did not answer in time/,
    });
  });
});
