// "Compare with the site before updating" against the REAL test WordPress
// (scripts/wordpress/start.sh), through the channels: publish, someone edits
// the post through WordPress's REST API, then Copydesk notices before updating.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyMeta, type Draft } from '../../src-shared/article';
import type { Channel, ChannelInput, ChannelOutput, Result } from '../../src-shared/ipc';
import type { Services } from '../../src-main/services/createServices';
import { openQuietServices } from '../support/quietServices';
import { htmlToText } from '../../src-main/services/publish/siteCompare';
import { articleBody } from '../support/publishHarness';
import { reachableWordPress, type WordPressCredentials } from '../support/testWordPress';

const availability = await reachableWordPress();
const wp: WordPressCredentials | null = typeof availability === 'string' ? null : availability;
if (typeof availability === 'string') console.warn(`[site.compare.test] SKIPPED: ${availability}`);

let dir: string;
let services: Services;
const created: string[] = [];

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await services.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** WordPress's own REST API, as another person editing on the site would use it. */
async function wpRequest(method: string, route: string, body?: object): Promise<Record<string, unknown>> {
  const url = new URL(wp!.siteUrl);
  url.searchParams.set('rest_route', route);
  const reply = await fetch(url, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${wp!.username}:${wp!.applicationPassword}`).toString('base64')}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(reply.status).toBeLessThan(300);
  return (await reply.json()) as Record<string, unknown>;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-site-'));
  services = openQuietServices(dir);
});
afterAll(async () => {
  services?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const id of created)
    await wpRequest('DELETE', `/wp/v2/posts/${id}`, { force: true }).catch(() => undefined);
});

describe('site text', () => {
  it('reads stored WordPress HTML as paragraphs of plain text', () => {
    expect(
      htmlToText(
        '<!-- wp:paragraph --><p>Fish &amp; chips&#8217; <em>price</em></p><!-- /wp:paragraph --><p>Two</p>',
      ),
    ).toBe('Fish & chips’ price\n\nTwo');
  });
});

describe.skipIf(!wp)('compare with the site before updating (real WordPress)', () => {
  it('notices an edit made on the site, holds the update back, and keeps the site changes as a version', async () => {
    const target = await call('targets:save', {
      kind: 'wordpress',
      name: 'Newsroom WP',
      config: { siteUrl: wp!.siteUrl, username: wp!.username },
      secret: wp!.applicationPassword,
    });
    const draft: Draft = await call('drafts:create', {});
    const headline = `Tide tables change ${randomUUID().slice(0, 8)}`;
    const revision = (
      await call('drafts:save', {
        id: draft.id,
        meta: { ...emptyMeta(), headline, standfirst: 'New times from Monday.' },
        body: articleBody(['The harbour office publishes new tide tables.']),
        baseRevision: draft.revision,
      })
    ).revision;

    await call('publish:start', { draftId: draft.id, targetId: target.id });
    await services.publishing.outbox.settled();
    const [publication] = (await call('publish:publications', { draftId: draft.id })).publications;
    expect(publication).toBeDefined();
    created.push(publication!.remoteId);
    const copies = services.store.db.prepare('SELECT count(*) FROM site_copies WHERE draft_id = ?').pluck();
    await until(() => copies.get(draft.id) === 1);
    expect(await call('site:check', { draftId: draft.id, targetId: target.id })).toEqual({ state: 'same' });

    // Someone edits the post on the site.
    await wpRequest('POST', `/wp/v2/posts/${publication!.remoteId}`, {
      title: `${headline} (corrected on the site)`,
      content: '<p>The harbour office publishes new tide tables every week.</p>',
    });
    const check = await call('site:check', { draftId: draft.id, targetId: target.id });
    expect(check.state).toBe('changed');
    if (check.state !== 'changed') return;
    expect(check.published.title).toBe(headline);
    expect(check.site.title).toBe(`${headline} (corrected on the site)`);
    expect(check.site.text).toBe('The harbour office publishes new tide tables every week.');

    // An update from Copydesk waits for the editor's answer.
    await call('drafts:save', {
      id: draft.id,
      meta: { ...emptyMeta(), headline: `${headline}, updated`, standfirst: 'New times from Monday.' },
      body: articleBody(['The harbour office publishes new tide tables. Updated.']),
      baseRevision: revision,
    });
    const refused = await services.dispatch('publish:start', { draftId: draft.id, targetId: target.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: /Someone changed this article on “Newsroom WP”/ },
    });

    // Keep site changes: the site's text becomes a History version; the update may go out.
    expect(await call('site:resolve', { draftId: draft.id, targetId: target.id, choice: 'keep' })).toEqual({
      label: 'Site changes from Newsroom WP',
    });
    const { entries } = await call('history:list', { draftId: draft.id });
    const kept = entries.find((entry) => entry.label === 'Site changes from Newsroom WP')!;
    expect(kept.kind).toBe('site-changes');
    const version = await call('history:get', { draftId: draft.id, seq: kept.seq });
    expect(version.meta.headline).toBe(`${headline} (corrected on the site)`);
    expect(version.body).toContain('every week');
    expect(await call('site:check', { draftId: draft.id, targetId: target.id })).toEqual({ state: 'same' });

    await call('publish:start', { draftId: draft.id, targetId: target.id });
    await services.publishing.outbox.settled();
    const live = await wpRequest('GET', `/wp/v2/posts/${publication!.remoteId}`);
    expect((live.title as { rendered: string }).rendered).toBe(`${headline}, updated`);
  }, 120_000);
});
