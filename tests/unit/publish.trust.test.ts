// The publishing protocol at its edges (issue 7, items 1, 2 and 4), through the
// real outbox, a real SQLite file and the real fault server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../support/faultServer';
import { createArticle, openHarness, tempDataDir, type PublishHarness } from '../support/publishHarness';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function httpTarget(harness: PublishHarness, server: FaultServer, name = 'Newsroom API'): string {
  const target = harness.targets.create({ kind: 'http-json', name, config: { endpoint: server.endpoint } });
  harness.secrets.set(target.id, server.token);
  return target.id;
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function editHeadline(harness: PublishHarness, draftId: string, headline: string): number {
  const draft = harness.drafts.get(draftId);
  harness.drafts.save({ id: draftId, meta: { ...draft.meta, headline }, body: draft.body });
  return harness.drafts.get(draftId).revision;
}

/** Stores an article on the server as another system would (not through Copydesk). */
async function foreignArticle(server: FaultServer, headline: string): Promise<string> {
  const response = await fetch(server.endpoint, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${server.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `someone-else-${encodeURIComponent(headline)}`,
    },
    body: JSON.stringify({ article: { draftId: 'someone-elses-draft', revision: 1, headline } }),
  });
  return ((await response.json()) as { id: string }).id;
}

describe('a lost reply, then an edit (item 1)', () => {
  it('resolves the pending create first, then sends the edit as an update: the site holds the edited text', async () => {
    const server = await startFaultServer({
      faultFor: (r) => (r.method === 'POST' && r.attempt === 1 ? 'drop-after-commit' : 'none'),
    });
    open.push(server);
    // The automatic retry is a minute away: the editor publishes again before it.
    const harness = openHarness(tempDataDir(), {
      random: () => 0.99,
      backoff: { baseMs: 60_000, capMs: 60_000, maxRetryAfterMs: 60_000 },
    });
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'First version');
    harness.outbox.start();
    const first = harness.outbox.enqueue({ draftId, targetId });
    await until(() => harness.outbox.get(first.id).state === 'retrying', 'the lost reply');
    expect(server.created()).toBe(1);

    const edited = editHeadline(harness, draftId, 'Second version');
    harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();

    expect(server.keyReuses).toEqual([]);
    expect(server.created()).toBe(1);
    const [article] = [...server.articles.values()];
    expect(article).toMatchObject({ headline: 'Second version', revision: edited });
    const jobs = harness.outbox.list({ draftId });
    expect(jobs.map((job) => job.state)).toEqual(['published', 'published']);
    expect(new Set(jobs.map((job) => job.remoteId))).toEqual(new Set([article!.id]));
    expect(harness.outbox.publications(draftId)).toEqual([
      expect.objectContaining({ remoteId: article!.id, revision: edited }),
    ]);
    expect(harness.drafts.get(draftId).status).toBe('published');
  });

  it('a newer publish waits for an earlier one that failed with its create unconfirmed, and says why', async () => {
    const server = await startFaultServer({
      faultFor: (r) => (r.method === 'POST' && r.attempt === 1 ? 'drop-after-commit' : 'none'),
    });
    open.push(server);
    const harness = openHarness(tempDataDir(), {
      random: () => 0.99,
      backoff: { baseMs: 60_000, capMs: 60_000, maxRetryAfterMs: 60_000 },
    });
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'First version');
    harness.outbox.start();
    const first = harness.outbox.enqueue({ draftId, targetId });
    await until(() => harness.outbox.get(first.id).state === 'retrying', 'the lost reply');

    // The token is revoked: resolving the earlier create fails for good (401), the edit must not create a copy.
    harness.secrets.set(targetId, 'revoked-token');
    editHeadline(harness, draftId, 'Second version');
    const second = harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();
    expect(harness.outbox.get(first.id)).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/401/),
    });
    expect(harness.outbox.get(second.id)).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/earlier publish of this article.*Retry now/),
    });
    expect(server.created()).toBe(1);

    harness.secrets.set(targetId, server.token);
    harness.outbox.retryNow(first.id);
    await harness.outbox.settled();
    harness.outbox.retryNow(second.id);
    await harness.outbox.settled();
    expect(server.created()).toBe(1);
    expect(server.keyReuses).toEqual([]);
    expect([...server.articles.values()].map((a) => a.headline)).toEqual(['Second version']);
  });

  it('refreshes an untouched queued job in place, with a new key for the new snapshot', async () => {
    const server = await startFaultServer();
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'Queued version');
    const first = harness.outbox.enqueue({ draftId, targetId });
    const keyOf = (id: string) =>
      harness.store.db.prepare('SELECT idempotency_key AS k FROM publish_jobs WHERE id = ?').get(id) as {
        k: string;
      };
    const before = keyOf(first.id).k;
    editHeadline(harness, draftId, 'Newer version');
    const second = harness.outbox.enqueue({ draftId, targetId });
    expect(second.id).toBe(first.id);
    expect(keyOf(first.id).k).not.toBe(before);
    harness.outbox.start();
    await harness.outbox.settled();
    expect([...server.articles.values()].map((a) => a.headline)).toEqual(['Newer version']);
  });
});

describe('a target whose endpoint changed (item 2)', () => {
  it('creates on the new endpoint instead of updating an unrelated article with the old id', async () => {
    const oldSite = await startFaultServer();
    const newSite = await startFaultServer();
    open.push(oldSite, newSite);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, oldSite);
    const draftId = createArticle(harness, 'Our story');
    harness.outbox.start();
    harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();
    const ours = harness.outbox.publications(draftId)[0]!.remoteId;

    // The new endpoint already holds someone else's article under the same id.
    expect(await foreignArticle(newSite, 'Someone else’s story')).toBe(ours);
    harness.targets.update(targetId, { name: 'Newsroom API', config: { endpoint: newSite.endpoint } });
    editHeadline(harness, draftId, 'Our story, updated');
    const job = harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();

    expect(harness.outbox.get(job.id).state).toBe('published');
    expect(newSite.articles.get(ours)).toMatchObject({ headline: 'Someone else’s story', updates: 0 });
    expect(newSite.created()).toBe(2);
    const mine = [...newSite.articles.values()].find((a) => a.draftId === draftId);
    expect(mine?.headline).toBe('Our story, updated');
    expect(harness.outbox.publications(draftId)).toEqual([
      expect.objectContaining({ targetId, remoteId: mine!.id }),
    ]);
  });

  it('never updates a remote item that is not this draft’s (the marker check), even on the same endpoint', async () => {
    const server = await startFaultServer();
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'Ours');
    harness.outbox.start();
    harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();
    const id = harness.outbox.publications(draftId)[0]!.remoteId;
    // The site was restored from a backup: that id now holds another article.
    Object.assign(server.articles.get(id)!, { draftId: 'someone-elses-draft', headline: 'Theirs' });

    editHeadline(harness, draftId, 'Ours, edited');
    const job = harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();
    expect(server.articles.get(id)).toMatchObject({ headline: 'Theirs', updates: 0 });
    const done = harness.outbox.get(job.id);
    expect(done.state).toBe('published');
    expect(done.remoteId).not.toBe(id);
    expect(server.articles.get(done.remoteId!)?.headline).toBe('Ours, edited');
    expect(done.lastError).toMatch(/not this article/);
  });

  it('drops job progress recorded against the old endpoint', async () => {
    const oldSite = await startFaultServer();
    const newSite = await startFaultServer();
    open.push(oldSite, newSite);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, oldSite);
    const draftId = createArticle(harness, 'Half sent');
    const job = harness.outbox.enqueue({ draftId, targetId });
    // A crash right after the old endpoint confirmed the article, before the job was marked published.
    const progress = {
      media: {},
      post: { remoteId: 'post-9', url: `${oldSite.origin}/news/post-9` },
      fingerprint: 'the-old-endpoint',
    };
    harness.store.db
      .prepare(`UPDATE publish_jobs SET state = 'retrying', progress_json = ? WHERE id = ?`)
      .run(JSON.stringify(progress), job.id);
    harness.targets.update(targetId, { name: 'Newsroom API', config: { endpoint: newSite.endpoint } });
    harness.outbox.start();
    await harness.outbox.settled();
    const done = harness.outbox.get(job.id);
    expect(done.state).toBe('published');
    expect(newSite.created()).toBe(1);
    expect(newSite.articles.get(done.remoteId!)?.headline).toBe('Half sent');
  });
});

describe('cancel and the retry bound (item 4)', () => {
  it('cancels a retrying job: it is "cancelled" and never sent again', async () => {
    const server = await startFaultServer({ faultFor: () => 'error-500' });
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    harness.outbox.start();
    const job = harness.outbox.enqueue({ draftId: createArticle(harness, 'Not today'), targetId });
    await until(() => harness.outbox.get(job.id).state === 'retrying', 'a retry');
    server.setFault(() => 'none');
    const cancelled = harness.outbox.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.outbox.settled();
    expect(harness.outbox.get(job.id).state).toBe('cancelled');
    expect(server.created()).toBe(0);
    expect(() => harness.outbox.retryNow(job.id)).toThrow(/cancelled/);
  });

  it('never sends a draft that was moved to the Trash', async () => {
    const server = await startFaultServer();
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'Binned');
    const job = harness.outbox.enqueue({ draftId, targetId });
    harness.drafts.trash(draftId);
    harness.outbox.start();
    await harness.outbox.settled();
    const done = harness.outbox.get(job.id);
    expect(done.state).toBe('cancelled');
    expect(done.lastError).toMatch(/Trash/);
    expect(server.created()).toBe(0);
  });

  it('stops retrying after 24 hours of failures, as Failed with the reason', async () => {
    const server = await startFaultServer({ faultFor: () => 'error-500' });
    open.push(server);
    let clock = Date.now();
    const harness = openHarness(tempDataDir(), { now: () => clock });
    open.push(harness);
    const targetId = httpTarget(harness, server);
    harness.outbox.start();
    const job = harness.outbox.enqueue({ draftId: createArticle(harness, 'Never lands'), targetId });
    await until(() => harness.outbox.get(job.id).state === 'retrying', 'a retry');
    clock += 23 * 3_600_000;
    harness.outbox.retryNow(job.id);
    await until(
      () => harness.outbox.get(job.id).state === 'retrying' && harness.outbox.get(job.id).attempts >= 2,
      'a second retry',
    );
    clock += 2 * 3_600_000;
    harness.outbox.retryNow(job.id);
    await harness.outbox.settled();
    const done = harness.outbox.get(job.id);
    expect(done.state).toBe('failed');
    expect(done.lastError).toMatch(/gave up after 24 hours.*HTTP 500/i);
  });
});
