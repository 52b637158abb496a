import { afterEach, describe, expect, it } from 'vitest';
import { FAULTS, seededRandom, startFaultServer, type Fault, type FaultServer } from '../support/faultServer';
import {
  createArticle,
  openHarness,
  tempDataDir,
  testImage,
  type PublishHarness,
} from '../support/publishHarness';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function httpTarget(harness: PublishHarness, server: FaultServer, name = 'Newsroom API'): string {
  const target = harness.targets.create({ kind: 'http-json', name, config: { endpoint: server.endpoint } });
  harness.secrets.set(target.id, server.token);
  return target.id;
}

/** Explanations the outbox may record for an injected fault; anything else is an unexplained failure. */
const EXPLAINED = [
  /connection was cut/,
  /server had a problem.*HTTP 500/,
  /server is busy/,
  /did not answer in time|took too long/,
  /was not JSON/,
  /larger than 5 MB/,
  /has no "id"/,
];

describe('outbox under faults (HTTP JSON against the fault server)', () => {
  it('publishes 200 articles under seeded random faults with 0 duplicates, 0 lost, every failure explained', async () => {
    const random = seededRandom(20240226);
    const server = await startFaultServer({
      // Slower than the attempt timeout below: a slow reply is a timeout, then a retry with the same key.
      slowMs: 400,
      retryAfterSeconds: 1,
      hugeReplyBytes: 6 * 1024 * 1024,
      faultFor: (request) => {
        if (request.method !== 'POST') return 'none';
        // About 40% of requests fail; each job eventually gets through.
        if (random() > 0.4) return 'none';
        const kinds: Fault[] = FAULTS.filter((f) => f !== 'none' && f !== 'hang-after-commit');
        return kinds[Math.floor(random() * kinds.length)]!;
      },
    });
    open.push(server);
    const harness = openHarness(tempDataDir(), { random: seededRandom(7), attemptTimeoutMs: 200 });
    open.push(harness);
    // Two targets on the same server: jobs run one at a time per target, both targets at once.
    const targets = [httpTarget(harness, server, 'API one'), httpTarget(harness, server, 'API two')];
    const errors: string[] = [];
    harness.outbox.subscribe((job) => {
      if (job.state === 'retrying' || job.state === 'failed') errors.push(job.lastError ?? '');
    });
    harness.outbox.start();

    const jobIds: string[] = [];
    for (let n = 0; n < 200; n += 1) {
      const image = testImage(n + 1);
      harness.images.set(image.ref.hash, image.bytes);
      const draftId = createArticle(harness, `Article ${n}`, { figures: n % 4 === 0 ? [image.ref] : [] });
      jobIds.push(harness.outbox.enqueue({ draftId, targetId: targets[n % 2]! }).id);
    }
    await harness.outbox.settled();

    const jobs = jobIds.map((id) => harness.outbox.get(id));
    expect(jobs.filter((job) => job.state !== 'published')).toEqual([]);
    const drafts = new Map<string, number>();
    for (const article of server.articles.values())
      drafts.set(article.draftId, (drafts.get(article.draftId) ?? 0) + 1);
    expect([...drafts.values()].filter((count) => count > 1)).toEqual([]);
    expect(server.created()).toBe(200);
    for (const job of jobs) expect(server.articles.get(job.remoteId!)?.draftId).toBe(job.draftId);
    expect(server.injected.length).toBeGreaterThan(50);
    const unexplained = errors.filter((message) => !EXPLAINED.some((pattern) => pattern.test(message)));
    expect(unexplained).toEqual([]);
    // Each injected fault was seen by the outbox as an explained failure (a loaded machine may add a timeout).
    expect(errors.length).toBeGreaterThanOrEqual(server.injected.length);
  }, 60_000);

  it('resumes a publish whose process was killed after the server stored the article, without a duplicate', async () => {
    const server = await startFaultServer({
      faultFor: (r) => (r.attempt === 1 ? 'hang-after-commit' : 'none'),
    });
    open.push(server);
    const dataDir = tempDataDir();
    const first = openHarness(dataDir);
    const targetId = httpTarget(first, server);
    const draftId = createArticle(first, 'Killed mid-publish');
    first.outbox.start();
    const job = first.outbox.enqueue({ draftId, targetId });
    await server.waitForCreated(1);
    first.crash();

    const second = openHarness(dataDir);
    open.push(second);
    expect(second.outbox.get(job.id).state).toBe('sending');
    second.outbox.start();
    await second.outbox.settled();

    const done = second.outbox.get(job.id);
    expect(done.state).toBe('published');
    expect(server.created()).toBe(1);
    expect(done.remoteId).toBe([...server.articles.keys()][0]);
    expect(second.outbox.publications(draftId)).toEqual([
      expect.objectContaining({ remoteId: done.remoteId, targetId }),
    ]);
    expect(second.drafts.get(draftId).status).toBe('published');
  });

  it('updates the same remote article on the next publish and marks a later save "changed"', async () => {
    const server = await startFaultServer();
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    const draftId = createArticle(harness, 'First version');
    harness.outbox.start();
    harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();
    expect(harness.drafts.get(draftId).status).toBe('published');

    const draft = harness.drafts.get(draftId);
    harness.drafts.save({
      id: draftId,
      meta: { ...draft.meta, headline: 'Second version' },
      body: draft.body,
    });
    expect(harness.drafts.get(draftId).status).toBe('changed');
    harness.outbox.enqueue({ draftId, targetId });
    await harness.outbox.settled();

    expect(server.created()).toBe(1);
    const [article] = [...server.articles.values()];
    expect(article).toMatchObject({ headline: 'Second version', updates: 1 });
    expect(harness.drafts.get(draftId).status).toBe('published');
  });

  it('stops on a wrong token with a message about the token, and sends after "Retry now" once it is fixed', async () => {
    const server = await startFaultServer();
    open.push(server);
    const harness = openHarness(tempDataDir());
    open.push(harness);
    const targetId = httpTarget(harness, server);
    harness.secrets.set(targetId, 'wrong-token');
    harness.outbox.start();
    const job = harness.outbox.enqueue({ draftId: createArticle(harness, 'Token test'), targetId });
    await harness.outbox.settled();
    const failed = harness.outbox.get(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/HTTP 401.*Check the token/);

    harness.secrets.set(targetId, server.token);
    harness.outbox.retryNow(job.id);
    await harness.outbox.settled();
    expect(harness.outbox.get(job.id).state).toBe('published');
    expect(server.created()).toBe(1);
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    const server = await startFaultServer({
      retryAfterSeconds: 1,
      faultFor: (r) => (r.attempt === 1 ? 'rate-limit-429' : 'none'),
    });
    open.push(server);
    const harness = openHarness(tempDataDir(), {
      backoff: { baseMs: 5, capMs: 10, maxRetryAfterMs: 60_000 },
    });
    open.push(harness);
    const targetId = httpTarget(harness, server);
    harness.outbox.start();
    const started = Date.now();
    const job = harness.outbox.enqueue({ draftId: createArticle(harness, 'Rate limited'), targetId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waiting = harness.outbox.get(job.id);
    expect(waiting.state).toBe('retrying');
    expect(waiting.nextAttemptAt - started).toBeGreaterThanOrEqual(990);
    await harness.outbox.settled();
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(harness.outbox.get(job.id).state).toBe('published');
  });
});
