// WordPress replies are parsed with schemas (wordpress/wordpressReplies.ts): a
// reply that is not what Copydesk reads gives a message naming the field that
// was wrong. A tiny server on 127.0.0.1 plays a WordPress whose plugin garbles
// replies; everything goes through the publish channels, as in the app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { createFileSecretStore } from '../../src-main/services/publish/fileSecretStore';
import { createPublishService, type PublishService } from '../../src-main/services/publish/publishService';
import { MediaListSchema, parseReply } from '../../src-main/services/publish/wordpress/wordpressReplies';
import { openStore } from '../../src-main/services/store/openStore';
import { emptyMeta } from '../../src-shared/article';
import type { PublishJob } from '../../src-shared/ipc/publishChannels';
import { articleBody, tempDataDir } from '../support/publishHarness';

type Answer = { status: number; body: unknown };

/** A WordPress stand-in: the REST index is right; `route` answers everything under /wp-json/wp/v2. */
async function fakeWordPress(route: (method: string, path: string) => Answer): Promise<string> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/wp-json/, '');
      const answer: Answer =
        path === '/'
          ? {
              status: 200,
              body: {
                name: 'Garbled site',
                namespaces: ['wp/v2'],
                authentication: { 'application-passwords': {} },
              },
            }
          : route(req.method ?? 'GET', path);
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function service(
  siteUrl: string,
): Promise<{ publishing: PublishService; draftId: string; targetId: string }> {
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
    outbox: { backoff: { baseMs: 50, capMs: 100, maxRetryAfterMs: 100 } },
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
    meta: { ...emptyMeta(), headline: 'Garbled', standfirst: 'S.', byline: 'B' },
    body: articleBody(['Body.']),
  });
  const target = await publishing.handlers['targets:save']({
    kind: 'wordpress',
    name: 'Garbled WordPress',
    config: { siteUrl, username: 'editor' },
    secret: 'abcd efgh ijkl mnop qrst uvwx',
  });
  return { publishing, draftId: draft.id, targetId: target.id };
}

describe('WordPress replies that are not what Copydesk reads', () => {
  it('"Test connection" names the field of users/me that was wrong', async () => {
    const siteUrl = await fakeWordPress((method, path) =>
      path === '/wp/v2/users/me'
        ? { status: 200, body: { username: 'editor', roles: ['editor'], capabilities: 'all of them' } }
        : { status: 404, body: { code: 'rest_no_route', message: 'No route' } },
    );
    const { publishing, targetId } = await service(siteUrl);
    const tested = await publishing.handlers['targets:test']({ id: targetId });
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain(
      'WordPress\'s reply while logging in is not a user as Copydesk expects it: "capabilities" is not a map of capabilities.',
    );
  });

  it('a created post without "link" leaves the job retrying with a message naming "link"', async () => {
    const siteUrl = await fakeWordPress((method, path) => {
      if (method === 'POST' && path === '/wp/v2/posts')
        return { status: 201, body: { id: 7, status: 'draft' } };
      if (method === 'GET' && path === '/wp/v2/posts') return { status: 200, body: [] };
      return { status: 404, body: { code: 'rest_no_route', message: 'No route' } };
    });
    const { publishing, draftId, targetId } = await service(siteUrl);
    const retrying = new Promise<PublishJob>((resolve) => {
      const stop = publishing.outbox.subscribe((job) => {
        if (job.state === 'retrying' || job.state === 'failed') {
          stop();
          resolve(job);
        }
      });
    });
    await publishing.handlers['publish:start']({ draftId, targetId });
    const job = await retrying;
    expect(job.state).toBe('retrying');
    expect(job.lastError).toBe(
      'WordPress\'s reply while sending the article is not a post as Copydesk expects it: "link" is missing. A plugin may have changed the REST API; Copydesk will try again.',
    );
  });

  it('a media list that is not a list is named as such', () => {
    expect(() =>
      parseReply(MediaListSchema, { id: 3 }, 'a list of images', { action: 'checking an upload' }),
    ).toThrow('the reply is not a list of media');
  });
});
