// The services worker as the shells run it: a real worker thread built from
// src-main/worker/servicesWorker.ts, driven through the shells' own
// createServicesHost (requests by id, media reads, pushed events, host
// requests, crash policy, close).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src-shared/article';
import { parseEvent, type EventPayload, type Result } from '../../src-shared/ipc';
import {
  createServicesHost,
  MAX_RESTARTS,
  WORKER_GONE_MESSAGE,
  WORKER_STOPPED_MESSAGE,
  type ServicesHost,
} from '../../src-main/host/servicesHost';
import { spawnThreadWorker } from '../../src-main/host/threadWorker';
import type { HostRequest, WorkerHandle, WorkerStartOptions } from '../../src-main/worker/protocol';
import { articleBody } from '../support/publishHarness';
import { buildServicesWorker } from '../support/buildWorker';
import { makeJpeg } from '../fixtures/makeImages';

let entry: string;
beforeAll(async () => {
  entry = await buildServicesWorker();
}, 120_000);

interface Running {
  host: ServicesHost;
  dataDir: string;
  events: { name: string; payload: unknown }[];
  hostRequests: HostRequest[];
  fatal: string[];
  workers: WorkerHandle[];
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.host.close();
    rmSync(r.dataDir, { recursive: true, force: true });
  }
});

function startHost(
  extra: Partial<WorkerStartOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-worker-')),
): Running {
  const r: Running = {
    host: null as unknown as ServicesHost,
    dataDir,
    events: [],
    hostRequests: [],
    fatal: [],
    workers: [],
  };
  r.host = createServicesHost({
    spawn: () => {
      const handle = spawnThreadWorker(entry);
      r.workers.push(handle);
      return handle;
    },
    startOptions: () => ({ dataDir, shell: 'browser', version: '1.2.3', ...extra }),
    onEvent: (name, payload) => r.events.push({ name, payload }),
    hostRequest: async (request) => {
      r.hostRequests.push(request);
    },
    onFatal: (message) => r.fatal.push(message),
    log: () => undefined,
  });
  running.push(r);
  return r;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = read();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the services worker', () => {
  it('answers any channel of the contract by id, and refuses an unknown one cleanly', async () => {
    const { host } = startHost();
    await host.start();
    const [a, b] = await Promise.all([host.invoke('drafts:create', {}), host.invoke('drafts:create', {})]);
    const first = value<Draft>(a);
    const second = value<Draft>(b);
    expect(first.id).not.toBe(second.id);
    const saved = value<{ revision: number }>(
      await host.invoke('drafts:save', {
        id: first.id,
        meta: { ...first.meta, headline: 'Through the worker' },
        body: first.body,
        baseRevision: first.revision,
      }),
    );
    expect(saved.revision).toBe(1);
    expect(value<Draft>(await host.invoke('drafts:get', { id: first.id })).meta.headline).toBe(
      'Through the worker',
    );
    const unknown = await host.invoke('nope:never', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await host.invoke('drafts:get', { id: '../../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('moves imported bytes to the worker and serves them back for /media', async () => {
    const { host } = startHost();
    await host.start();
    const bytes = new Uint8Array(makeJpeg(40, 30));
    const copy = bytes.slice();
    const imported = value<{ image: { hash: string } }>(
      await host.invoke('images:import', { bytes, name: 'photo.jpg' }),
    );
    // Transferred, not copied: the sender's buffer is detached.
    expect(bytes.byteLength).toBe(0);
    const media = await host.readMedia(imported.image.hash);
    expect(media?.mime).toBe('image/jpeg');
    expect(Buffer.compare(media!.bytes, Buffer.from(copy))).toBe(0);
    expect(await host.readMedia('0'.repeat(64))).toBeNull();
  });

  it('pushes outbox:changed when a publish moves on, valid against its schema, without any request', async () => {
    const r = startHost();
    await r.host.start();
    const draft = value<Draft>(await r.host.invoke('drafts:create', {}));
    value(
      await r.host.invoke('drafts:save', {
        id: draft.id,
        meta: { ...draft.meta, headline: 'Pushed, not polled', standfirst: 'A dek.', byline: 'Sam Reporter' },
        body: articleBody(['The worker tells the window.']),
        baseRevision: draft.revision,
      }),
    );
    const job = value<{ id: string }>(await r.host.invoke('publish:start', { draftId: draft.id }));
    const published = await until(() =>
      r.events
        .filter((e) => e.name === 'outbox:changed')
        .map((e) => parseEvent('outbox:changed', e.payload))
        .find((p): p is EventPayload<'outbox:changed'> =>
          Boolean(p?.jobs.some((j) => j.id === job.id && j.state === 'published')),
        ),
    );
    expect(published.jobs[0]?.stateLabel).toBe('Published');
  });

  it('asks the shell to open links (the worker cannot)', async () => {
    const r = startHost();
    await r.host.start();
    value(await r.host.invoke('links:open', { url: 'https://example.org/story' }));
    expect(r.hostRequests).toEqual([{ op: 'openExternal', url: 'https://example.org/story' }]);
  });

  it('keeps secrets in memory and asks the shell to store each change (Electron keychain path)', async () => {
    const r = startHost({
      secrets: { warning: null, encryptionAvailable: true, values: { 'target-stored-1': 'kept-token' } },
    });
    await r.host.start();
    const { targets, secretStore } = value<{ targets: { id: string }[]; secretStore: { kind: string } }>(
      await r.host.invoke('targets:list', {}),
    );
    expect(secretStore.kind).toBe('os-keychain');
    const saved = value<{ id: string; hasSecret: boolean }>(
      await r.host.invoke('targets:save', {
        kind: 'http-json',
        name: 'Newsroom API',
        config: { endpoint: 'https://cms.example.org/api' },
        secret: 'new-token',
      }),
    );
    expect(saved.hasSecret).toBe(true);
    await until(() => (r.hostRequests.length > 0 ? true : undefined));
    expect(r.hostRequests).toEqual([{ op: 'secret:set', targetId: saved.id, secret: 'new-token' }]);
    expect(targets.length).toBeGreaterThan(0);
  });

  it('takes over a thread started before the host existed (the browser shell starts it first thing)', async () => {
    const early = spawnThreadWorker(entry);
    // The launcher loads playwright-core meanwhile; the thread has loaded its code by the time the host comes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-worker-'));
    let spawned = 0;
    let prestarted: WorkerHandle | null = early;
    const host = createServicesHost({
      spawn: () => {
        spawned += 1;
        const handle = prestarted ?? spawnThreadWorker(entry);
        prestarted = null;
        return handle;
      },
      startOptions: () => ({ dataDir, shell: 'browser', version: '1.2.3' }),
      onEvent: () => undefined,
      hostRequest: async () => undefined,
      onFatal: () => undefined,
      log: () => undefined,
    });
    try {
      await host.start();
      expect(value<Draft>(await host.invoke('drafts:create', {})).id).toMatch(/\S/);
      expect(spawned).toBe(1);
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps what a thread says, and that it ended, until someone listens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copydesk-thread-'));
    try {
      const file = join(dir, 'talks-then-exits.mjs');
      writeFileSync(
        file,
        "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'ready' });\nsetTimeout(() => process.exit(3), 50);\n",
      );
      const handle = spawnThreadWorker(file);
      await new Promise((resolve) => setTimeout(resolve, 800));
      const messages: unknown[] = [];
      const exits: (number | null)[] = [];
      handle.onMessage((message) => messages.push(message));
      handle.onExit((code) => exits.push(code));
      expect(messages).toEqual([{ type: 'ready' }]);
      expect(exits).toEqual([3]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a database from a newer Copydesk, with the store’s message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-worker-'));
    const db = new Database(join(dataDir, 'copydesk.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const r = startHost({}, dataDir);
    await expect(r.host.start()).rejects.toThrow(/newer/i);
  });

  it('restarts a crashed worker, fails the request in flight readably, and tells the editor', async () => {
    const r = startHost();
    await r.host.start();
    const draft = value<Draft>(await r.host.invoke('drafts:create', {}));
    const inFlight = r.host.invoke('drafts:get', { id: draft.id });
    r.workers[0]!.kill();
    const failed = await inFlight;
    // Either the reply beat the kill or the request failed with the readable message.
    if (!failed.ok) expect(failed.error.message).toBe(WORKER_STOPPED_MESSAGE);
    const notice = await until(() => r.events.find((e) => e.name === 'app:notice'));
    expect(parseEvent('app:notice', notice.payload)).toMatchObject({ level: 'error' });
    expect(r.workers).toHaveLength(2);
    // The restarted worker has the same data.
    expect(value<Draft>(await r.host.invoke('drafts:get', { id: draft.id })).id).toBe(draft.id);
  });

  it(`gives up after ${MAX_RESTARTS} restarts within a minute and says so`, async () => {
    const r = startHost();
    await r.host.start();
    for (let crash = 0; crash <= MAX_RESTARTS; crash += 1) {
      const count = r.workers.length;
      r.workers[count - 1]!.kill();
      if (crash < MAX_RESTARTS) {
        await until(() =>
          r.events.filter((e) => e.name === 'app:notice').length > crash ? true : undefined,
        );
      }
    }
    const fatal = await until(() => r.fatal[0]);
    expect(fatal).toMatch(/stopped 4 times within a minute/);
    expect(await r.host.invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { message: WORKER_GONE_MESSAGE },
    });
  });

  it('closes the database when asked, so another connection can take it over cleanly', async () => {
    const r = startHost();
    await r.host.start();
    value(await r.host.invoke('drafts:create', {}));
    expect(await r.host.close()).toBeNull();
    const db = new Database(join(r.dataDir, 'copydesk.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n).toBe(1);
    db.close();
  });
});
