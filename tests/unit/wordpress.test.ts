// Publishing to a REAL WordPress (Debian's package) started by
// scripts/wordpress/start.sh; .ci/run and the GitHub workflow's Linux job start
// it before the unit tests. Without it these tests skip, except under CI=true,
// where a WordPress that cannot be reached FAILS the run (a CI that silently
// skipped them would prove nothing). The only thing faked is the network
// failing at chosen moments (a fetch wrapper that drops a reply after the real
// server handled the request).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';
import { PublishError } from '../../src-main/services/publish/errors';
import { loadSnapshot } from '../../src-main/services/publish/snapshot';
import type {
  AdapterContext,
  JobProgress,
  PublishResult,
  RemoteItem,
} from '../../src-main/services/publish/types';
import {
  creditMetaWarning,
  jobMarker,
  wordpressAdapter,
  WordPressConfigSchema,
  type WordPressConfig,
} from '../../src-main/services/publish/wordpress/wordpressAdapter';
import { reachableWordPress, type WordPressCredentials } from '../support/testWordPress';

/** CI=true requires the test WordPress, except where the workflow says it has none (COPYDESK_WP_OPTIONAL=1: Windows, macOS). */
const ON_CI = process.env.CI === 'true' && process.env.COPYDESK_WP_OPTIONAL !== '1';

const availability = await reachableWordPress();
const credentials: WordPressCredentials | null = typeof availability === 'string' ? null : availability;
if (typeof availability === 'string') {
  console.warn(`[wordpress.test] ${ON_CI ? 'FAILING (CI=true)' : 'SKIPPED'}: ${availability}`);
}

describe.runIf(ON_CI && !credentials)('the test WordPress on CI', () => {
  it('is reachable (CI=true: a WordPress test that cannot reach its server fails instead of skipping)', () => {
    expect.fail(`The test WordPress is required on CI: ${String(availability)}`);
  });
});

const LONG = 120_000;

// ---- images: real PNGs, distinct bytes per colour --------------------------------------------

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG of 8-bit RGB pixels (`rgb` holds width*height*3 bytes, row by row). */
function pngFromPixels(width: number, height: number, rgb: Buffer): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(Buffer.from([0]), rgb.subarray(y * width * 3, (y + 1) * width * 3));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  return pngFromPixels(width, height, Buffer.from(Array.from({ length: width * height }, () => rgb).flat()));
}

/** Random pixels do not compress: about width*height*3 bytes. */
function noisePng(width: number, height: number): Buffer {
  return pngFromPixels(width, height, randomBytes(width * height * 3));
}

interface TestImage {
  ref: ImageRef;
  bytes: Buffer;
}

function testImage(
  caption: string,
  credit: string,
  alt: string,
  size?: { width: number; height: number },
): TestImage {
  const rgb: [number, number, number] = [
    Math.floor(Math.random() * 256),
    Math.floor(Math.random() * 256),
    Math.floor(Math.random() * 256),
  ];
  const width = size?.width ?? 6;
  const height = size?.height ?? 4;
  const bytes = size ? noisePng(width, height) : png(width, height, rgb);
  return {
    bytes,
    ref: {
      hash: createHash('sha256').update(bytes).digest('hex'),
      mime: 'image/png',
      width,
      height,
      caption,
      credit,
      alt,
      copyright: '',
      fromFile: { caption: false, credit: false, copyright: false },
    },
  };
}

// ---- articles and jobs -----------------------------------------------------------------------

function paragraph(text: string): SerializedNodeLike {
  return {
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

interface TestArticle {
  meta: ArticleMeta;
  body: string;
  images: TestImage[];
  scheduledAt: number | null;
}

function article(
  token: string,
  options: { lead?: TestImage; figures?: TestImage[]; tags?: string[] } = {},
): TestArticle {
  const figures = options.figures ?? [];
  const children: SerializedNodeLike[] = [paragraph(`First paragraph about ${token}.`)];
  for (const figure of figures) {
    children.push({ type: 'image-figure', version: 1, ...figure.ref });
    children.push(paragraph('A paragraph after the figure.'));
  }
  return {
    meta: {
      ...emptyMeta(),
      kicker: 'Scrolling news',
      headline: `Council votes on harbour plan ${token}`,
      standfirst: `The standfirst of ${token}.`,
      byline: 'Ada Reporter',
      bylineRole: 'City correspondent',
      articleType: 'news',
      tags: options.tags ?? [],
      slug: `harbour-plan-${token}`,
      slugEdited: true,
      leadImage: options.lead?.ref ?? null,
    },
    body: JSON.stringify(wrapEditorState({ root: { type: 'root', version: 1, children } })),
    images: [...(options.lead ? [options.lead] : []), ...figures],
    scheduledAt: null,
  };
}

interface Job {
  key: string;
  progress: JobProgress;
  steps: string[];
  requests: string[];
}

function newJob(): Job {
  return { key: randomUUID(), progress: { media: {} }, steps: [], requests: [] };
}

type FaultRule = (method: string, path: string) => 'drop-reply' | 'fail-before' | null;

/** Real fetch; a rule may cut the connection before sending or after the server answered. */
function faultyFetch(job: Job, rule: FaultRule = () => null): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = url.searchParams.get('rest_route') ?? url.pathname.replace(/^.*\/wp-json/, '');
    job.requests.push(`${method} ${route}`);
    const fault = rule(method, route);
    const reset = (): Error =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    if (fault === 'fail-before') throw reset();
    const response = await fetch(input, init);
    if (fault === 'drop-reply') {
      await response.arrayBuffer();
      throw reset();
    }
    return response;
  };
}

function config(overrides: Partial<WordPressConfig> = {}): WordPressConfig {
  if (!credentials) throw new Error('no credentials');
  return WordPressConfigSchema.parse({
    siteUrl: credentials.siteUrl,
    username: credentials.username,
    ...overrides,
  });
}

async function publish(
  item: TestArticle,
  job: Job,
  options: {
    previous?: RemoteItem | null;
    config?: WordPressConfig;
    rule?: FaultRule;
    secret?: string;
    draftId?: string;
    /** Bodies of POST requests, by route. */
    bodies?: Array<{ route: string; body: string }>;
  } = {},
): Promise<PublishResult> {
  if (!credentials) throw new Error('no credentials');
  const bytes = new Map(item.images.map((image) => [image.ref.hash, image.bytes]));
  const snapshot = loadSnapshot(
    `job-${job.key}`,
    {
      draftId: options.draftId ?? 'draft-1',
      revision: 1,
      meta: item.meta,
      bodyJson: item.body,
      scheduledAt: item.scheduledAt,
      creditFormat: 'Photo: {credit}',
    },
    {
      readImage: async (hash) => {
        const found = bytes.get(hash);
        if (!found) throw new Error(`no image ${hash}`);
        return found;
      },
    },
  );
  const faulty = faultyFetch(job, options.rule);
  const ctx: AdapterContext = {
    fetch: async (input, init) => {
      if (options.bodies && typeof init?.body === 'string') {
        const url = new URL(input instanceof Request ? input.url : input.toString());
        const route = url.searchParams.get('rest_route') ?? url.pathname.replace(/^.*\/wp-json/, '');
        options.bodies.push({ route, body: init.body });
      }
      return faulty(input, init);
    },
    signal: AbortSignal.timeout(60_000),
    now: () => Date.now(),
    idempotencyKey: job.key,
    previous: options.previous
      ? { ...options.previous, draftId: options.draftId ?? 'draft-1', jobKeys: [] }
      : null,
    progress: structuredClone(job.progress),
    recordProgress: (progress) => {
      job.progress = structuredClone(progress);
    },
    reportStep: (step) => job.steps.push(step.label),
  };
  return wordpressAdapter.publish(
    snapshot,
    options.config ?? config(),
    options.secret ?? credentials.applicationPassword,
    ctx,
  );
}

/** Reads the site through the REST API as the test user. */
async function wp(
  route: string,
  query: Record<string, string> = {},
  init: RequestInit = {},
): Promise<{ status: number; json: unknown }> {
  if (!credentials) throw new Error('no credentials');
  const url = new URL(`${credentials.siteUrl}/wp-json${route}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const auth = Buffer.from(`${credentials.username}:${credentials.applicationPassword}`).toString('base64');
  const response = await fetch(url, {
    ...init,
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json', ...init.headers },
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

interface WpPost {
  id: number;
  status: string;
  title: { raw: string; rendered: string };
  excerpt: { raw: string; rendered: string };
  content: { raw: string; rendered: string };
  date_gmt: string;
  slug: string;
  link: string;
  featured_media: number;
  tags: number[];
}
interface WpMedia {
  id: number;
  source_url: string;
  alt_text: string;
  caption: { raw: string };
  description: { raw: string };
  meta: Record<string, unknown>;
}

async function getPost(id: string): Promise<WpPost> {
  return (await wp(`/wp/v2/posts/${id}`, { context: 'edit' })).json as WpPost;
}
async function getMedia(id: string): Promise<WpMedia> {
  return (await wp(`/wp/v2/media/${id}`, { context: 'edit' })).json as WpMedia;
}
async function postsMentioning(token: string): Promise<WpPost[]> {
  return (await wp('/wp/v2/posts', { search: token, status: 'publish,future,draft', context: 'edit' }))
    .json as WpPost[];
}
const token = (): string => randomUUID().slice(0, 8);

describe.skipIf(!credentials)('WordPress adapter against a real WordPress', () => {
  it(
    'creates a post whose lead and body images keep caption, credit and alt text',
    async () => {
      const lead = testImage(
        'The harbour at dawn',
        'Ilgar Jafarov/WikiCommons',
        'Boats moored in a calm harbour',
      );
      const figure = testImage('The council chamber', 'City Press', 'Councillors seated around a table');
      const t = token();
      const job = newJob();
      const result = await publish(article(t, { lead, figures: [figure] }), job);

      const post = await getPost(result.remoteId);
      expect(post.status).toBe('publish');
      expect(post.title.raw).toBe(`Council votes on harbour plan ${t}`);
      expect(post.excerpt.raw).toBe(`The standfirst of ${t}.`);
      expect(post.slug).toBe(`harbour-plan-${t}`);
      expect(result.url).toBe(post.link);

      const leadMedia = await getMedia(job.progress.media[lead.ref.hash]!.remoteId);
      const figureMedia = await getMedia(job.progress.media[figure.ref.hash]!.remoteId);
      expect(post.featured_media).toBe(leadMedia.id);
      expect(leadMedia.caption.raw).toBe(
        'The harbour at dawn <span class="credit">Photo: Ilgar Jafarov/WikiCommons</span>',
      );
      expect(leadMedia.alt_text).toBe('Boats moored in a calm harbour');
      expect(leadMedia.description.raw).toContain('The harbour at dawn');
      expect(figureMedia.caption.raw).toBe(
        'The council chamber <span class="credit">Photo: City Press</span>',
      );
      expect(figureMedia.alt_text).toBe('Councillors seated around a table');
      if (credentials?.metaPlugin) {
        expect(figureMedia.meta.copydesk_credit).toBe('City Press');
        expect(result.warnings ?? []).toEqual([]);
      } else {
        expect(result.warnings).toContain(creditMetaWarning('copydesk_credit'));
      }

      // The body figure points at the uploaded file, which serves the same bytes.
      expect(post.content.raw).toContain(`src="${figureMedia.source_url}"`);
      expect(post.content.raw).toContain('<span class="credit">Photo: City Press</span>');
      expect(post.content.raw).toContain('<p class="byline"><span class="byline-name">Ada Reporter</span>');
      const served = Buffer.from(await (await fetch(figureMedia.source_url)).arrayBuffer());
      expect(served.equals(figure.bytes)).toBe(true);
      expect(job.steps).toEqual(['Uploading image 1 of 2', 'Uploading image 2 of 2', 'Sending the article']);
    },
    LONG,
  );

  it(
    'updates the same post when published again instead of creating a second one',
    async () => {
      const t = token();
      const first = await publish(article(t), newJob());
      const changed = article(t);
      changed.meta.headline = `Council approves harbour plan ${t}`;
      const second = await publish(changed, newJob(), { previous: first });

      expect(second.remoteId).toBe(first.remoteId);
      expect((await getPost(second.remoteId)).title.raw).toBe(`Council approves harbour plan ${t}`);
      expect((await postsMentioning(t)).map((post) => post.id)).toEqual([Number(first.remoteId)]);
    },
    LONG,
  );

  it(
    'assigns tags by name, reusing an existing tag and creating a missing one',
    async () => {
      const t = token();
      const existing = await wp(
        '/wp/v2/tags',
        {},
        { method: 'POST', body: JSON.stringify({ name: `Harbours ${t}` }) },
      );
      const existingId = (existing.json as { id: number }).id;
      const result = await publish(article(t, { tags: [`harbours ${t}`, `Budget & Tax ${t}`] }), newJob());

      const post = await getPost(result.remoteId);
      expect(post.tags).toHaveLength(2);
      expect(post.tags).toContain(existingId);
      const newTagId = post.tags.find((id) => id !== existingId)!;
      const created = (await wp(`/wp/v2/tags/${newTagId}`)).json as { name: string };
      expect(created.name).toBe(`Budget &amp; Tax ${t}`);
      const harbourTags = (await wp('/wp/v2/tags', { search: `Harbours ${t}` })).json as unknown[];
      expect(harbourTags).toHaveLength(1);

      // Publishing again finds both tags: no new tag is created.
      const again = await publish(article(t, { tags: [`Budget & Tax ${t}`] }), newJob(), {
        previous: result,
      });
      expect((await getPost(again.remoteId)).tags).toEqual([newTagId]);
      expect((await wp('/wp/v2/tags', { search: `Tax ${t}` })).json as unknown[]).toHaveLength(1);
    },
    LONG,
  );

  it(
    'schedules a post for later with status future, and publishes it now when asked again',
    async () => {
      const item = article(token());
      const at = Date.UTC(2031, 4, 6, 7, 30, 0);
      item.scheduledAt = at;
      const result = await publish(item, newJob());
      const post = await getPost(result.remoteId);
      expect(post.status).toBe('future');
      expect(post.date_gmt).toBe('2031-05-06T07:30:00');

      // "Publish now" on the scheduled article publishes it now, in the same post.
      item.scheduledAt = null;
      const now = await publish(item, newJob(), { previous: result });
      const published = await getPost(now.remoteId);
      expect(now.remoteId).toBe(result.remoteId);
      expect(published.status).toBe('publish');
      expect(Math.abs(Date.parse(`${published.date_gmt}Z`) - Date.now())).toBeLessThan(5 * 60_000);
    },
    LONG,
  );

  it(
    'tells the editor to check the username and application password when the password is wrong',
    async () => {
      const failure = await publish(article(token()), newJob(), {
        secret: 'abcd efgh ijkl mnop qrst uvwx',
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PublishError);
      expect((failure as PublishError).kind).toBe('permanent');
      expect((failure as PublishError).message).toContain('Check the username and application password');

      const connection = await wordpressAdapter
        .testConnection(config(), 'wrong password', {
          fetch,
          signal: AbortSignal.timeout(20_000),
          now: Date.now,
        })
        .catch((error: unknown) => error);
      expect((connection as PublishError).message).toContain('Check the username and application password');
    },
    LONG,
  );

  it(
    'detects that WordPress dropped an unregistered credit meta key and warns the editor',
    async () => {
      const figure = testImage('Harbour crane', 'Port Authority', 'A crane unloading a ship');
      const unregistered = config({ creditMetaKey: 'copydesk_unregistered_credit' });
      const job = newJob();
      const result = await publish(article(token(), { figures: [figure] }), job, { config: unregistered });
      expect(result.warnings).toEqual([creditMetaWarning('copydesk_unregistered_credit')]);
      // The credit still reaches the site in the caption.
      const media = await getMedia(job.progress.media[figure.ref.hash]!.remoteId);
      expect(media.caption.raw).toContain('Photo: Port Authority');

      const message = await wordpressAdapter.testConnection(unregistered, credentials!.applicationPassword, {
        fetch,
        signal: AbortSignal.timeout(20_000),
        now: Date.now,
      });
      expect(message).toContain(
        'did not keep the image credit in the meta key "copydesk_unregistered_credit"',
      );
    },
    LONG,
  );

  it(
    'reports a working connection with the site name and user',
    async () => {
      const message = await wordpressAdapter.testConnection(config(), credentials!.applicationPassword, {
        fetch,
        signal: AbortSignal.timeout(20_000),
        now: Date.now,
      });
      expect(message).toMatch(/^Connected to "Copydesk test site" as copydesk \(administrator\)\./);
      if (credentials?.metaPlugin) expect(message).not.toContain('did not keep the image credit');
    },
    LONG,
  );

  it(
    'finds the post of a create whose reply was lost instead of creating it twice',
    async () => {
      const t = token();
      const job = newJob();
      const dropCreate: FaultRule = (method, path) =>
        method === 'POST' && path === '/wp/v2/posts' ? 'drop-reply' : null;
      const failure = await publish(article(t), job, { rule: dropCreate }).catch((error: unknown) => error);
      expect((failure as PublishError).kind).toBe('retryable');
      expect(job.progress.sent?.post).toBeTypeOf('number');
      expect(job.progress.post).toBeUndefined();

      const result = await publish(article(t), job);
      const posts = await postsMentioning(t);
      expect(posts.map((post) => post.id)).toEqual([Number(result.remoteId)]);
      expect(posts[0]!.content.raw).toContain(jobMarker(job.key));
      expect(job.requests.filter((request) => request === 'POST /wp/v2/posts')).toHaveLength(1);
    },
    LONG,
  );

  it(
    'resumes after a failure without uploading images again, and finds an upload whose reply was lost',
    async () => {
      const t = token();
      const first = testImage('First', 'Agency One', 'First image');
      const second = testImage('Second', 'Agency Two', 'Second image');
      const job = newJob();
      // The first image's reply is lost after WordPress stored it.
      let dropped = false;
      const dropFirstUpload: FaultRule = (method, path) => {
        if (method === 'POST' && path === '/wp/v2/media' && !dropped) {
          dropped = true;
          return 'drop-reply';
        }
        return null;
      };
      await expect(
        publish(article(t, { figures: [first, second] }), job, { rule: dropFirstUpload }),
      ).rejects.toThrow(/connection was cut/);
      // Then the network fails before the article is sent.
      const failPost: FaultRule = (method, path) =>
        method === 'POST' && path === '/wp/v2/posts' ? 'fail-before' : null;
      await expect(
        publish(article(t, { figures: [first, second] }), job, { rule: failPost }),
      ).rejects.toThrow(/connection was cut/);
      expect(Object.keys(job.progress.media).sort()).toEqual([first.ref.hash, second.ref.hash].sort());

      const requestsBefore = job.requests.length;
      const result = await publish(article(t, { figures: [first, second] }), job);
      const resumed = job.requests.slice(requestsBefore);
      // No image is uploaded or even looked up again.
      expect(resumed.filter((request) => request.includes('/wp/v2/media'))).toEqual([]);
      // Two uploads in total: the lost one was found again, not repeated.
      expect(job.requests.filter((request) => request === 'POST /wp/v2/media')).toHaveLength(2);
      const content = (await getPost(result.remoteId)).content.raw;
      expect(content).toContain(job.progress.media[first.ref.hash]!.url);
      expect(content).toContain(job.progress.media[second.ref.hash]!.url);
    },
    LONG,
  );
});

describe.skipIf(!credentials)(
  'WordPress adapter: what reaches the site is exactly what the editor wrote',
  () => {
    it(
      'creates the post as a draft and makes it public only in the last step: a lost create reply leaves a draft, never a public duplicate',
      async () => {
        const t = token();
        const job = newJob();
        const bodies: Array<{ route: string; body: string }> = [];
        const dropCreate: FaultRule = (method, path) =>
          method === 'POST' && path === '/wp/v2/posts' ? 'drop-reply' : null;
        await expect(publish(article(t), job, { rule: dropCreate, bodies })).rejects.toThrow(
          /connection was cut/,
        );
        const halfMade = await postsMentioning(t);
        expect(halfMade.map((post) => post.status)).toEqual(['draft']);
        expect(JSON.parse(bodies.find((b) => b.route === '/wp/v2/posts')!.body)).toMatchObject({
          status: 'draft',
        });

        const result = await publish(article(t), job, { bodies });
        const posts = await postsMentioning(t);
        expect(posts.map((post) => [post.id, post.status])).toEqual([[Number(result.remoteId), 'publish']]);
        // The create went out once; the status was set by an update of that post.
        expect(job.requests.filter((request) => request === 'POST /wp/v2/posts')).toHaveLength(1);
        expect(bodies.at(-1)).toMatchObject({ route: `/wp/v2/posts/${result.remoteId}` });
        expect(JSON.parse(bodies.at(-1)!.body)).toMatchObject({ status: 'publish' });
      },
      LONG,
    );

    it(
      'sets the scheduled status in the last step too',
      async () => {
        const item = article(token());
        item.scheduledAt = Date.UTC(2032, 0, 2, 3, 4, 0);
        const bodies: Array<{ route: string; body: string }> = [];
        const result = await publish(item, newJob(), { bodies });
        expect(JSON.parse(bodies.find((b) => b.route === '/wp/v2/posts')!.body).status).toBe('draft');
        const post = await getPost(result.remoteId);
        expect(post.status).toBe('future');
        expect(post.date_gmt).toBe('2032-01-02T03:04:00');
      },
      LONG,
    );

    it(
      'escapes title, excerpt, byline, captions and body like the renderer and neutralises shortcodes',
      async () => {
        const t = token();
        const figure = testImage('Crowd [caption id="1"]x[/caption]', 'Agency <b>', 'A crowd');
        const item = article(t, { figures: [figure] });
        item.meta.headline = `Vote <img src=x onerror=alert(1)> [gallery] ${t}`;
        item.meta.standfirst = `Read <script>alert(2)</script> [embed]https://example.com[/embed] ${t}`;
        item.meta.byline = 'Ada <i>Reporter</i> [author]';
        item.body = JSON.stringify(
          wrapEditorState({
            root: {
              type: 'root',
              version: 1,
              children: [
                paragraph(`Pasted [gallery ids="1,2"] and <em>markup</em> ${t}`),
                { type: 'image-figure', version: 1, ...figure.ref },
              ],
            },
          }),
        );
        const job = newJob();
        const result = await publish(item, job);
        const post = await getPost(result.remoteId);

        expect(post.title.raw).toBe(`Vote &lt;img src=x onerror=alert(1)&gt; &#91;gallery] ${t}`);
        expect(post.title.rendered).not.toMatch(/<img/);
        expect(post.excerpt.raw).toContain('&lt;script&gt;');
        expect(post.excerpt.raw).not.toContain('[embed]');
        expect(post.excerpt.rendered).not.toMatch(/<script|<iframe/);
        expect(post.content.raw).not.toMatch(/\[(gallery|author|caption)/);
        expect(post.content.raw).toContain(
          'Pasted &#91;gallery ids=&quot;1,2&quot;] and &lt;em&gt;markup&lt;/em&gt;',
        );
        expect(post.content.raw).toContain(
          '<span class="byline-name">Ada &lt;i&gt;Reporter&lt;/i&gt; &#91;author]</span>',
        );
        expect(post.content.raw).toContain('<span class="credit">Photo: Agency &lt;b&gt;</span>');
        expect(post.content.rendered).not.toMatch(/class="gallery|<em>markup|wp-caption/);
        const media = await getMedia(job.progress.media[figure.ref.hash]!.remoteId);
        expect(media.caption.raw).toBe(
          'Crowd &#91;caption id=&quot;1&quot;]x&#91;/caption] <span class="credit">Photo: Agency &lt;b&gt;</span>',
        );
      },
      LONG,
    );

    it(
      "never updates a post that is not this draft's: it publishes a new one and says so",
      async () => {
        const t = token();
        const theirs = await publish(article(`${t}-theirs`), newJob(), { draftId: `other-draft-${t}` });
        const before = await getPost(theirs.remoteId);

        const mine = await publish(article(`${t}-mine`), newJob(), {
          draftId: `my-draft-${t}`,
          previous: theirs,
        });
        expect(mine.remoteId).not.toBe(theirs.remoteId);
        expect(mine.warnings?.join(' ')).toMatch(/not this article/);
        const after = await getPost(theirs.remoteId);
        expect(after.title.raw).toBe(before.title.raw);
        expect(after.content.raw).toBe(before.content.raw);
        expect((await getPost(mine.remoteId)).title.raw).toBe(`Council votes on harbour plan ${t}-mine`);

        // Its own previous post it does update.
        const again = await publish(article(`${t}-mine`), newJob(), {
          draftId: `my-draft-${t}`,
          previous: mine,
        });
        expect(again.remoteId).toBe(mine.remoteId);
        expect(again.warnings ?? []).toEqual([]);
      },
      LONG,
    );
  },
);

const ROUTER = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/wordpress/router.php');

/** A second PHP server in front of the same WordPress, with a tiny upload limit. */
async function startStrictServer(): Promise<{ url: string; process: ChildProcess }> {
  const port = 18_390 + Math.floor(Math.random() * 500);
  const child = spawn(
    'php',
    [
      '-d',
      'upload_max_filesize=8K',
      '-d',
      'post_max_size=10M',
      '-d',
      'display_errors=0',
      '-S',
      `127.0.0.1:${port}`,
      '-t',
      '/usr/share/wordpress',
      ROUTER,
    ],
    { stdio: 'ignore', env: { ...process.env, COPYDESK_WP_CONTENT_DIR: '/tmp/copydesk-wp/wp-content' } },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const up = await fetch(`${url}/wp-json/`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`php -S on ${url} did not start`);
}

describe.skipIf(!credentials)('WordPress adapter and a site with a small upload limit', () => {
  let strict: { url: string; process: ChildProcess } | null = null;
  beforeAll(async () => {
    strict = await startStrictServer();
  }, 20_000);
  afterAll(() => {
    strict?.process.kill();
  });

  it(
    'names the image that is too large and does not retry it',
    async () => {
      const big = testImage('Aerial view', 'Drone Team', 'The harbour from above', { width: 80, height: 80 });
      expect(big.bytes.length).toBeGreaterThan(8 * 1024);
      const failure = await publish(article(token(), { figures: [big] }), newJob(), {
        config: config({ siteUrl: strict!.url }),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PublishError);
      expect((failure as PublishError).kind).toBe('permanent');
      expect((failure as PublishError).message).toMatch(
        /^The image "harbour-plan-[a-f0-9]+-1-[a-f0-9]{8}\.png" is too large/,
      );
    },
    LONG,
  );
});

describe('WordPress adapter without a WordPress site', () => {
  let server: Server;
  let siteUrl = '';
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'text/html' });
      response.end('<html><body>Not found</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says the address is not a WordPress site when it has no REST API', async () => {
    const failure = await wordpressAdapter
      .testConnection(WordPressConfigSchema.parse({ siteUrl, username: 'editor' }), 'secret', {
        fetch,
        signal: AbortSignal.timeout(10_000),
        now: Date.now,
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishError);
    expect((failure as PublishError).message).toContain(
      'This is not a WordPress site, or its REST API is turned off',
    );
  });

  it('refuses a plain http site URL that is not this computer', () => {
    const parsed = WordPressConfigSchema.safeParse({
      siteUrl: 'http://news.example.com',
      username: 'editor',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('plain http://');
  });
});
