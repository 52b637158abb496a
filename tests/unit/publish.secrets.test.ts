// Stored secrets stay with their target and out of every record (issue 7,
// items 14 and the publishing part of 15), through the publishing service's
// channels, a real SQLite file and real HTTP servers on 127.0.0.1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import {
  BROWSER_SHELL_SECRETS_FILE,
  createFileSecretStore,
} from '../../src-main/services/publish/fileSecretStore';
import { createPublishService, type PublishService } from '../../src-main/services/publish/publishService';
import type { SecretStore } from '../../src-main/services/publish/types';
import { openStore, type Store } from '../../src-main/services/store/openStore';
import { emptyMeta } from '../../src-shared/article';
import { startFaultServer } from '../support/faultServer';
import { articleBody, tempDataDir } from '../support/publishHarness';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  dataDir: string;
  store: Store;
  secrets: SecretStore;
  publishing: PublishService;
  logged: string[];
  draftId: string;
}

function setup(): Setup {
  const dataDir = tempDataDir();
  const { store } = openStore({ dataDir });
  const drafts = createDraftRepository(store.db, Date.now);
  const secrets = createFileSecretStore(dataDir);
  const logged: string[] = [];
  const publishing = createPublishService({
    db: store.db,
    dataDir,
    drafts,
    secrets,
    readImage: () => Promise.reject(new Error('no images here')),
    now: Date.now,
    outbox: { backoff: { baseMs: 5, capMs: 20, maxRetryAfterMs: 20 } },
    log: { error: (message, error) => logged.push(`${message} ${String(error)}`) },
  });
  publishing.start();
  cleanups.push(async () => {
    await publishing.stop();
    store.close();
  });
  const draft = drafts.create();
  drafts.save({
    id: draft.id,
    meta: { ...emptyMeta(), headline: 'Secrets stay home', standfirst: 'S.', byline: 'B' },
    body: articleBody(['Body.']),
  });
  return { dataDir, store, secrets, publishing, logged, draftId: draft.id };
}

/** A server that records the Authorization header of every request. */
async function listener(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true,"namespaces":["wp/v2"]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every file of the data folder except the secrets file itself, as one buffer. */
function dataFolderBytes(dataDir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== BROWSER_SHELL_SECRETS_FILE) parts.push(readFileSync(path));
    }
  };
  walk(dataDir);
  return Buffer.concat(parts);
}

describe('targets:test with a saved target (item 14)', () => {
  it('uses the saved kind and address: a caller-supplied address never receives the stored password', async () => {
    const s = setup();
    const site = await startFaultServer({ token: 'the-real-token-5d2e' });
    const attacker = await listener();
    cleanups.push(site.close, attacker.close);
    const saved = await s.publishing.handlers['targets:save']({
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint: site.endpoint },
      secret: 'the-real-token-5d2e',
    });
    const result = await s.publishing.handlers['targets:test']({
      id: saved.id,
      kind: 'http-json',
      config: { endpoint: attacker.url },
    });
    expect(attacker.seen).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Save the target|type the (password|token)/i);

    const asWordPress = await s.publishing.handlers['targets:test']({
      id: saved.id,
      kind: 'wordpress',
      config: { siteUrl: attacker.url, username: 'x' },
    });
    expect(attacker.seen).toEqual([]);
    expect(asWordPress.ok).toBe(false);

    // The saved target itself still tests fine, and a typed password may go to a typed address.
    expect(await s.publishing.handlers['targets:test']({ id: saved.id })).toMatchObject({ ok: true });
    await s.publishing.handlers['targets:test']({
      id: saved.id,
      kind: 'http-json',
      config: { endpoint: attacker.url },
      secret: 'typed-just-now',
    });
    expect(attacker.seen.map((headers) => headers.authorization)).toEqual(['Bearer typed-just-now']);
  });

  it('still tests a typed folder for a saved local folder target (no secret involved)', async () => {
    const s = setup();
    const { targets } = await s.publishing.handlers['targets:list']({});
    const folder = join(s.dataDir, 'elsewhere');
    const result = await s.publishing.handlers['targets:test']({
      id: targets[0]!.id,
      kind: 'local-folder',
      config: { folder },
    });
    expect(result).toEqual({ ok: true, message: expect.stringContaining(folder) });
  });
});

describe('tokens (item 15, publishing)', () => {
  it('trims a pasted token and refuses one with a control character without echoing it', async () => {
    const s = setup();
    const server = await startFaultServer({ token: 'pasted-token-77aa' });
    cleanups.push(server.close);
    const saved = await s.publishing.handlers['targets:save']({
      kind: 'http-json',
      name: 'Pasted',
      config: { endpoint: server.endpoint },
      secret: '  pasted-token-77aa\n',
    });
    expect(s.secrets.get(saved.id)).toBe('pasted-token-77aa');
    expect(await s.publishing.handlers['targets:test']({ id: saved.id })).toMatchObject({ ok: true });

    const refused = await Promise.resolve()
      .then(() =>
        s.publishing.handlers['targets:save']({
          kind: 'http-json',
          name: 'Bell',
          config: { endpoint: server.endpoint },
          secret: 'tok\u0007bell-secret-31f9',
        }),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/control character|invisible/i);
    expect((refused as Error).message).not.toContain('bell-secret-31f9');
  });

  it('a stored token with a control character never reaches error text, logs, SQLite or any file', async () => {
    const s = setup();
    const server = await startFaultServer();
    cleanups.push(server.close);
    const saved = await s.publishing.handlers['targets:save']({
      kind: 'http-json',
      name: 'Broken token',
      config: { endpoint: server.endpoint },
      secret: 'placeholder',
    });
    // As an older version or a hand-edited file may have stored it.
    s.secrets.set(saved.id, 'tok\u0007leaky-secret-9b1c');
    const tested = await s.publishing.handlers['targets:test']({ id: saved.id });
    expect(tested.ok).toBe(false);
    expect(tested.message).not.toContain('leaky-secret');
    const job = await s.publishing.handlers['publish:start']({ draftId: s.draftId, targetId: saved.id });
    await s.publishing.outbox.settled();
    const done = s.publishing.outbox.get(job.id);
    expect(done.state).toBe('failed');
    expect(done.lastError).toMatch(/control character|invisible/i);
    expect(done.lastError).not.toContain('leaky-secret');
    expect(JSON.stringify(await s.publishing.handlers['outbox:list']({}))).not.toContain('leaky-secret');
    expect(s.logged.join('\n')).not.toContain('leaky-secret');
    s.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(dataFolderBytes(s.dataDir).includes('leaky-secret')).toBe(false);
  });
});
