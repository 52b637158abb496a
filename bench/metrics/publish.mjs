// Issue 4: publishing an article with 10 images to the local WordPress,
// against the same HTTP requests made directly (≤ 1.2×); and the outbox under
// random faults of the HTTP JSON fault server (0 duplicates, 0 lost, every
// failure explained).
//
// Copydesk: the app's own services (createServices built by bench/lib/build.mjs)
// on a temp data folder — real SQLite, real media store, real outbox worker
// and WordPress adapter. Timed from dispatch("publish:start") to the job's
// state "published". Peer: this file's directPublish, the adapter's request
// sequence with plain fetch. Runs alternate so both share the machine's noise.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { BENCH_OUT, buildFaultServerEntry, REPO_ROOT, SERVICES_ENTRY } from '../lib/build.mjs';
import { emptyMeta, tempDataDir } from '../lib/app.mjs';
import { formatMs, median } from '../lib/stats.mjs';
import { seededRandom } from '../lib/text.mjs';

const CREDENTIALS_FILE = process.env.COPYDESK_WP_CREDENTIALS ?? '/tmp/copydesk-wp/credentials.json';
const START_SCRIPT = 'scripts/wordpress/start.sh';
const IMAGE_COUNT = 10;
const IMAGE_DIR = join(BENCH_OUT, 'publish-images');
const CREDIT_META_KEY = 'copydesk_credit';
const IDEMPOTENCY_META_KEY = 'copydesk_idempotency_key';
const SHARED_TAG = 'Harbour';
const BYLINE = { name: 'Ada Reporter', role: 'City correspondent' };
const RATIO_METRIC =
  'Publish an article with 10 images (JPEG, ~300–450 KB each) to the local WordPress, ratio to the same HTTP requests made directly';

// ---- inputs ------------------------------------------------------------------------------------

/** Ten distinct photo-like 1200×800 JPEGs (gradients, waves and grain), made once and cached in out/bench. */
function benchImages() {
  mkdirSync(IMAGE_DIR, { recursive: true });
  const images = [];
  for (let n = 1; n <= IMAGE_COUNT; n += 1) {
    const path = join(IMAGE_DIR, `photo-${n}.jpg`);
    if (!existsSync(path)) writeFileSync(path, photoJpeg(1200, 800, n));
    const bytes = readFileSync(path);
    images.push({
      path,
      bytes,
      hash: createHash('sha256').update(bytes).digest('hex'),
      caption: `Harbour view number ${n}, seen from the north pier`,
      credit: 'Bench Agency',
      alt: `Boats moored along the harbour wall, picture ${n}`,
    });
  }
  return images;
}

function photoJpeg(width, height, seed, { quality = 85, grain = 30 + seed * 4 } = {}) {
  const random = seededRandom(seed);
  const data = Buffer.alloc(width * height * 4);
  const wave = 20 + seed * 3;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const noise = (random() - 0.5) * grain;
      data[i] = Math.max(0, Math.min(255, ((x + seed * 37) / width) * 255 + noise));
      data[i + 1] = Math.max(0, Math.min(255, (y / height) * 255 + noise));
      data[i + 2] = Math.max(0, Math.min(255, 128 + 100 * Math.sin((x + y) / wave) + noise));
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}

function textNode(text) {
  return { type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' };
}

function paragraphNode(text) {
  return { type: 'paragraph', version: 1, children: [textNode(text)] };
}

const PARAGRAPHS = Array.from(
  { length: IMAGE_COUNT + 1 },
  (_, n) =>
    `Paragraph ${n + 1}: the council met on Tuesday to weigh the harbour plan, with residents, fishers and the port authority each putting their case before the vote.`,
);

function bodyEnvelope(figures) {
  const children = [paragraphNode(PARAGRAPHS[0])];
  figures.forEach((figure, n) => {
    children.push({ type: 'image-figure', version: 1, ...figure });
    children.push(paragraphNode(PARAGRAPHS[n + 1]));
  });
  return JSON.stringify({
    format: 'copydesk.body',
    version: 1,
    lexical: '0.52.0',
    editorState: { root: { type: 'root', version: 1, children } },
  });
}

function articleMeta(label, tags, leadImage) {
  return {
    ...emptyMeta(`Council votes on the harbour plan (${label})`),
    kicker: 'Scrolling news',
    standfirst: 'Residents and the port authority split over the new breakwater.',
    byline: BYLINE.name,
    bylineRole: BYLINE.role,
    tags,
    slug: label,
    slugEdited: true,
    leadImage,
  };
}

// ---- WordPress ----------------------------------------------------------------------------------

/** Starts (or reuses) the test WordPress; its credentials, or why it is not available. */
async function wordPressCredentials(log) {
  const started = await new Promise((resolve) => {
    execFile('bash', [join(REPO_ROOT, START_SCRIPT)], { timeout: 600_000 }, (error, _stdout, stderr) =>
      resolve(
        error
          ? `${START_SCRIPT} failed: ${String(stderr || error.message)
              .trim()
              .split('\n')
              .pop()}`
          : null,
      ),
    );
  });
  if (started) log(`publish: ${started}`);
  if (!existsSync(CREDENTIALS_FILE)) return { error: started ?? `${CREDENTIALS_FILE} is missing` };
  const credentials = JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8'));
  try {
    const reply = await fetch(new URL('wp-json/', ensureSlash(credentials.siteUrl)));
    if (!reply.ok) return { error: `${credentials.siteUrl}/wp-json/ answered HTTP ${reply.status}` };
    await reply.arrayBuffer();
  } catch (error) {
    return { error: `${credentials.siteUrl} does not answer (${error.message})` };
  }
  return { credentials };
}

function ensureSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Plain fetch against the REST API, as a script would write it: Basic auth, JSON replies. */
function restClient(credentials) {
  const base = ensureSlash(credentials.siteUrl);
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.applicationPassword.trim()}`).toString('base64')}`;
  return async (method, route, { query = {}, json, form } = {}) => {
    const url = new URL(`wp-json${route}`, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const headers = { Accept: 'application/json', Authorization: authorization };
    let body;
    if (form) body = form;
    else if (json !== undefined) {
      body = JSON.stringify(json);
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, json: text.trim() === '' ? null : JSON.parse(text) };
  };
}

function escapeHtml(text) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The post content as Copydesk renders it: byline, paragraphs and figures, then the job marker. */
function peerContent(images, urls, key) {
  const figure = (image, url) =>
    `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(image.alt)}" width="1200" height="800" loading="lazy" decoding="async">` +
    `<figcaption>${escapeHtml(image.caption)} <span class="credit">Photo: ${escapeHtml(image.credit)}</span></figcaption></figure>`;
  const body = [`<p>${escapeHtml(PARAGRAPHS[0])}</p>`];
  images.forEach((image, n) => body.push(figure(image, urls[n]), `<p>${escapeHtml(PARAGRAPHS[n + 1])}</p>`));
  return [
    `<p class="byline"><span class="byline-name">${BYLINE.name}</span>, <span class="byline-role">${BYLINE.role}</span></p>`,
    body.join('\n'),
    `<!-- copydesk-job:${key} -->`,
  ].join('\n');
}

/**
 * The peer: the WordPress adapter's request sequence written directly — each
 * image uploaded in turn (same multipart fields and file name pattern, bytes
 * read from disk), each tag looked up and created when missing, the post created.
 */
async function directPublish(rest, images, label, tags) {
  const key = randomUUID();
  const media = [];
  for (const [n, image] of images.entries()) {
    const bytes = await readFile(image.path);
    const form = new FormData();
    const filename = `${label}-${n + 1}-${image.hash.slice(0, 8)}.jpg`;
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), filename);
    form.append(
      'caption',
      `${escapeHtml(image.caption)} <span class="credit">Photo: ${escapeHtml(image.credit)}</span>`,
    );
    form.append('alt_text', image.alt);
    form.append(
      'description',
      `<p>${escapeHtml(image.caption)}</p>\n<p>Photo: ${escapeHtml(image.credit)}</p>`,
    );
    form.append(`meta[${CREDIT_META_KEY}]`, image.credit);
    const reply = await rest('POST', '/wp/v2/media', { form });
    if (reply.status !== 201)
      throw new Error(`peer upload: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    media.push({ id: reply.json.id, url: reply.json.source_url });
  }
  const tagIds = [];
  for (const name of tags) {
    const found = await rest('GET', '/wp/v2/tags', {
      query: { search: name, per_page: '100', _fields: 'id,name' },
    });
    let id = found.json.find((tag) => tag.name.toLowerCase() === name.toLowerCase())?.id;
    if (id === undefined) {
      const created = await rest('POST', '/wp/v2/tags', { json: { name } });
      id = created.status === 201 ? created.json.id : created.json?.data?.term_id;
      if (id === undefined) throw new Error(`peer tag: HTTP ${created.status}`);
    }
    tagIds.push(id);
  }
  const post = await rest('POST', '/wp/v2/posts', {
    json: {
      title: `Council votes on the harbour plan (${label})`,
      content: peerContent(
        images,
        media.map((m) => m.url),
        key,
      ),
      excerpt: 'Residents and the port authority split over the new breakwater.',
      status: 'publish',
      featured_media: media[0].id,
      tags: tagIds,
      meta: { [IDEMPOTENCY_META_KEY]: key },
      slug: label,
    },
  });
  if (post.status !== 201) throw new Error(`peer post: HTTP ${post.status} ${JSON.stringify(post.json)}`);
  return { postId: post.json.id };
}

/** Removes what a run created on the test WordPress (posts, their media found by file name, per-run tags). */
async function cleanUp(rest, created, stamp, log) {
  try {
    for (const postId of created.posts) {
      await rest('DELETE', `/wp/v2/posts/${postId}`, { query: { force: 'true' } });
    }
    for (let page = 0; page < 20; page += 1) {
      const found = await rest('GET', '/wp/v2/media', {
        query: { search: `bench-publish-${stamp}`, per_page: '100', _fields: 'id' },
      });
      if (!Array.isArray(found.json) || found.json.length === 0) break;
      for (const item of found.json)
        await rest('DELETE', `/wp/v2/media/${item.id}`, { query: { force: 'true' } });
    }
    const tags = await rest('GET', '/wp/v2/tags', {
      query: { search: `bench-${stamp}`, per_page: '100', _fields: 'id' },
    });
    for (const tag of Array.isArray(tags.json) ? tags.json : []) {
      await rest('DELETE', `/wp/v2/tags/${tag.id}`, { query: { force: 'true' } });
    }
  } catch (error) {
    log(`publish: cleaning up the test WordPress failed: ${error.message}`);
  }
}

// ---- Copydesk -----------------------------------------------------------------------------------

async function openAppServices(dataDir, publishing = {}) {
  if (!existsSync(SERVICES_ENTRY)) throw new Error('the app services entry was not built');
  const { createServices } = await import(SERVICES_ENTRY);
  return createServices({
    dataDir,
    shell: 'browser',
    version: 'bench',
    openExternal: async () => {},
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    log: { error: () => undefined },
    publishing,
  });
}

async function call(services, channel, input) {
  const result = await services.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Stores the images through images:import and returns their references with caption, credit and alt text. */
async function importImages(services, images) {
  const refs = [];
  for (const [n, image] of images.entries()) {
    const { image: ref } = await call(services, 'images:import', {
      bytes: new Uint8Array(image.bytes),
      name: `photo-${n + 1}.jpg`,
    });
    refs.push({ ...ref, caption: image.caption, credit: image.credit, alt: image.alt });
  }
  return refs;
}

/** A fresh draft, then the timed part: publish:start until the job is published. */
async function copydeskPublish(services, targetId, refs, label, tags) {
  const draft = await call(services, 'drafts:create', {});
  await call(services, 'drafts:save', {
    id: draft.id,
    meta: articleMeta(label, tags, refs[0]),
    body: bodyEnvelope(refs),
    baseRevision: draft.revision,
  });
  let unsubscribe = () => undefined;
  const retries = [];
  const settled = new Promise((resolve, reject) => {
    unsubscribe = services.publishing.outbox.subscribe((job) => {
      if (job.draftId !== draft.id) return;
      if (job.state === 'published') resolve({ end: performance.now(), job });
      else if (job.state === 'failed') reject(new Error(`the job failed: ${job.lastError}`));
      else if (job.state === 'retrying') retries.push(job.lastError ?? '');
    });
  });
  const start = performance.now();
  try {
    await call(services, 'publish:start', { draftId: draft.id, targetId });
    const { end, job } = await withTimeout(settled, 300_000, 'the publish did not finish within 5 minutes');
    return { ms: end - start, postId: job.remoteId, retries };
  } finally {
    unsubscribe();
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function wordPressRow({ quick, log }) {
  const row = {
    metric: RATIO_METRIC,
    target: '≤ 1.2×',
    targetValue: 1.2,
    unit: '×',
  };
  const { credentials, error } = await wordPressCredentials(log);
  if (!credentials) {
    return {
      ...row,
      copydesk: `not measured: WordPress not available (${error})`,
      peers: 'direct HTTP requests: not measured',
      value: Number.NaN,
    };
  }
  const images = benchImages();
  const sizes = images.map((image) => image.bytes.length / 1024);
  log(`publish: images ${Math.round(Math.min(...sizes))}–${Math.round(Math.max(...sizes))} KB`);
  const rest = restClient(credentials);
  const stamp = Date.now().toString(36);
  const runs = quick ? 2 : 5;
  const created = { posts: [] };
  const ours = [];
  const peer = [];
  const dataDir = await tempDataDir('publish');
  const services = await openAppServices(dataDir);
  try {
    const target = await call(services, 'targets:save', {
      kind: 'wordpress',
      name: 'Bench WordPress',
      config: { siteUrl: credentials.siteUrl, username: credentials.username },
      secret: credentials.applicationPassword,
    });
    const refs = await importImages(services, images);
    // Run 0 warms both paths (PHP workers, connections, code) and is not counted.
    for (let run = 0; run <= runs; run += 1) {
      // Alternate who goes first so a slow spell of the shared machine falls on both.
      const order = run % 2 === 0 ? ['copydesk', 'peer'] : ['peer', 'copydesk'];
      for (const who of order) {
        const label = `bench-publish-${stamp}-${who}-${run}`;
        const tags = [SHARED_TAG, `bench-${stamp}-${who}-${run}`];
        if (who === 'copydesk') {
          const result = await copydeskPublish(services, target.id, refs, label, tags);
          created.posts.push(result.postId);
          if (run > 0) ours.push(result.ms);
          log(`publish: copydesk run ${run}${run === 0 ? ' (warm-up)' : ''} ${formatMs(result.ms)}`);
          for (const message of result.retries) log(`publish: copydesk retried after: ${message}`);
        } else {
          const start = performance.now();
          const result = await directPublish(rest, images, label, tags);
          const ms = performance.now() - start;
          created.posts.push(result.postId);
          if (run > 0) peer.push(ms);
          log(`publish: direct run ${run}${run === 0 ? ' (warm-up)' : ''} ${formatMs(ms)}`);
        }
      }
    }
  } finally {
    services.close();
    await rm(dataDir, { recursive: true, force: true });
    await cleanUp(rest, created, stamp, log);
  }
  const ratio = median(ours) / median(peer);
  return {
    ...row,
    copydesk: `${formatMs(median(ours))} median of ${runs} (publish:start → published; runs ${ours.map((ms) => Math.round(ms)).join(', ')} ms); ratio ${ratio.toFixed(2)}×`,
    peers: `same requests with plain fetch ${formatMs(median(peer))} median (runs ${peer.map((ms) => Math.round(ms)).join(', ')} ms)`,
    value: ratio,
  };
}

// ---- the outbox under faults ----------------------------------------------------------------------

/** Explanations the outbox may record for an injected fault (as in tests/unit/outbox.faults.test.ts). */
const EXPLAINED = [
  /connection was cut/,
  /server had a problem.*HTTP 500/,
  /server is busy/,
  /did not answer in time|took too long/,
  /was not JSON/,
  /larger than 5 MB/,
  /has no "id"/,
];

async function faultRow({ quick, log }) {
  const count = quick ? 100 : 1000;
  const row = {
    metric: `${count.toLocaleString('en-GB')} publishes to the HTTP JSON fault server under seeded random faults (~40 % of requests): duplicates + lost + unexplained failures`,
    target: '0',
    targetValue: 0,
    unit: '',
  };
  const entry = await buildFaultServerEntry();
  const { FAULTS, seededRandom: faultRandom, startFaultServer } = await import(entry);
  const random = faultRandom(20240226);
  const server = await startFaultServer({
    // Slower than the attempt timeout below: a slow reply is a timeout, then a retry with the same key.
    slowMs: 400,
    retryAfterSeconds: 1,
    hugeReplyBytes: 6 * 1024 * 1024,
    faultFor: (request) => {
      if (request.method !== 'POST') return 'none';
      if (random() > 0.4) return 'none';
      const kinds = FAULTS.filter((fault) => fault !== 'none' && fault !== 'hang-after-commit');
      return kinds[Math.floor(random() * kinds.length)];
    },
  });
  const dataDir = await tempDataDir('publish-faults');
  // The unit test's short backoff: retries within milliseconds, Retry-After capped at 30 ms.
  const services = await openAppServices(dataDir, {
    random: faultRandom(7),
    attemptTimeoutMs: 200,
    backoff: { baseMs: 5, capMs: 40, maxRetryAfterMs: 30 },
  });
  const started = performance.now();
  try {
    const targets = [];
    for (const name of ['API one', 'API two']) {
      const target = await call(services, 'targets:save', {
        kind: 'http-json',
        name,
        config: { endpoint: server.endpoint },
        secret: server.token,
      });
      targets.push(target.id);
    }
    const errors = [];
    services.publishing.outbox.subscribe((job) => {
      if (job.state === 'retrying' || job.state === 'failed') errors.push(job.lastError ?? '');
    });
    const jobs = [];
    for (let n = 0; n < count; n += 1) {
      const figures = [];
      if (n % 4 === 0) {
        const { image } = await call(services, 'images:import', {
          bytes: new Uint8Array(photoJpeg(96, 64, 1000 + n, { grain: 40 })),
          name: `small-${n}.jpg`,
        });
        figures.push({ ...image, caption: `Picture ${n}`, credit: 'Test Agency', alt: `Test picture ${n}` });
      }
      const draft = await call(services, 'drafts:create', {});
      await call(services, 'drafts:save', {
        id: draft.id,
        meta: { ...emptyMeta(`Article ${n}`), standfirst: 'A standfirst.', byline: 'Sam Reporter' },
        body: bodyEnvelope(figures),
        baseRevision: draft.revision,
      });
      const job = await call(services, 'publish:start', { draftId: draft.id, targetId: targets[n % 2] });
      jobs.push(job);
    }
    const settleMs = quick ? 120_000 : 600_000;
    let timedOut = false;
    await withTimeout(services.publishing.outbox.settled(), settleMs, 'not settled').catch(() => {
      timedOut = true;
    });
    const elapsed = performance.now() - started;

    const finals = jobs.map((job) => services.publishing.outbox.get(job.id));
    const perDraft = new Map();
    for (const article of server.articles.values())
      perDraft.set(article.draftId, (perDraft.get(article.draftId) ?? 0) + 1);
    const duplicates = [...perDraft.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = finals.filter(
      (job) => job.state !== 'published' || server.articles.get(job.remoteId)?.draftId !== job.draftId,
    ).length;
    const unexplained = errors.filter((message) => !EXPLAINED.some((pattern) => pattern.test(message)));
    for (const message of unexplained.slice(0, 5)) log(`publish: unexplained failure: ${message}`);
    const notes = [
      `${duplicates} duplicates, ${lost} lost${timedOut ? ` (not settled after ${settleMs / 1000} s)` : ''}`,
      `${server.injected.length} faults injected, ${errors.length} failures recorded, ${errors.length - unexplained.length} explained`,
      `${server.created()} articles created for ${count} drafts`,
      `${(elapsed / 1000).toFixed(1)} s`,
    ];
    return {
      ...row,
      copydesk: notes.join('; '),
      peers: 'none (a correctness figure)',
      value: duplicates + lost + unexplained.length,
    };
  } finally {
    services.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function publishBench(ctx) {
  const rows = [];
  for (const measure of [wordPressRow, faultRow]) {
    try {
      rows.push(await measure(ctx));
    } catch (error) {
      ctx.log(`publish: ${error.stack ?? error}`);
      rows.push({
        metric:
          measure === wordPressRow
            ? RATIO_METRIC
            : 'Publishes to the HTTP JSON fault server under random faults',
        target: measure === wordPressRow ? '≤ 1.2×' : '0',
        copydesk: `not measured: ${String(error.message).split('\n')[0]}`,
        peers: '',
        value: Number.NaN,
      });
    }
  }
  return rows;
}
