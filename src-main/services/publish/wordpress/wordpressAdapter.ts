// Publishes to a WordPress site through its REST API with an application
// password (docs/wordpress.md). Order of a publish, each remote step recorded
// before the next so a resumed job continues instead of starting over:
//   1. every image not yet in progress.media: one multipart upload carrying
//      the file, caption (credit inside), alt text, description and the credit
//      meta key; a lost reply is found again by its unique file name;
//   2. tags by name (found or created), ids kept in progress.extra;
//   3. the post: updated when it exists (this job's, or the previous publish's
//      once its content shows it is this draft's: draft or job marker),
//      otherwise created AS A DRAFT with all its media and fields, after
//      recording `sent.post` so a lost create reply is found again (by the
//      job's marker) rather than repeated;
//   4. the last step sets the public status (publish, or future when
//      scheduled): a duplicate can only ever be a half-made draft.
// Title, excerpt, body, byline and captions are escaped by the one shared
// renderer (src-shared/render/renderArticle.ts) with shortcodes neutralised:
// a headline or pasted text never becomes markup or a shortcode on the site.
import { z } from 'zod';
import { parseBody, type SerializedNodeLike } from '../../../../src-shared/body';
import type { ImageRef } from '../../../../src-shared/image';
import {
  DEFAULT_CREDIT_FORMAT,
  escapeText,
  formatCredit,
  renderBodyHtml,
  renderBylineHtml,
  renderCaptionHtml,
  type RenderOptions,
} from '../../../../src-shared/render/renderArticle';
import { PublishError } from '../publishError';
import { checkTargetUrl, provesNotStored } from '../httpPolicy';
import type {
  AdapterContext,
  ConnectionContext,
  JobProgress,
  PublishAdapter,
  PublishImage,
  PublishResult,
  PreviousPublication,
  PublishSnapshot,
  RemoteItem,
} from '../types';
import { replyFailure, WordPressClient } from './wordpressClient';
import {
  CurrentUserSchema,
  MediaListSchema,
  MediaSchema,
  MediaSchemaReplySchema,
  parseReply,
  PostMarksSchema,
  PostSchema,
  PostSearchListSchema,
  SiteIndexSchema,
  TagListSchema,
  TagSchema,
  wordPressError,
} from './wordpressReplies';

export const DEFAULT_CREDIT_META_KEY = 'copydesk_credit';
/** Post meta a site may register (our mu-plugin does) to make the job key visible to queries. */
export const IDEMPOTENCY_META_KEY = 'copydesk_idempotency_key';
const POST_STATUSES_TO_SEARCH = 'publish,future,draft,pending,private';

export const WordPressConfigSchema = z.object({
  siteUrl: z
    .string()
    .trim()
    .min(1, 'Enter the site URL, e.g. https://news.example.com')
    .superRefine((value, issue) => {
      try {
        checkTargetUrl(value, 'The site URL');
      } catch (error) {
        issue.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  username: z
    .string()
    .trim()
    .min(1, 'Enter the WordPress username the application password belongs to.')
    .max(200),
  /** Attachment meta key that receives the credit; empty sends none. The site must register it (show_in_rest). */
  creditMetaKey: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9_-]*$/, 'The credit meta key may hold only letters, digits, "_" and "-".')
    .default(DEFAULT_CREDIT_META_KEY),
  /** How the credit reads in captions, "{credit}" replaced: "Photo: {credit}". */
  creditFormat: z
    .string()
    .max(100)
    .refine((value) => value.includes('{credit}'), 'The credit format must contain {credit}.')
    .default(DEFAULT_CREDIT_FORMAT),
});
export type WordPressConfig = z.infer<typeof WordPressConfigSchema>;

/** The comment that marks a post with the job that created it; searched for after a lost create reply. */
export function jobMarker(idempotencyKey: string): string {
  return `<!-- copydesk-job:${idempotencyKey.replace(/[^A-Za-z0-9_.:-]/g, '')} -->`;
}

/** The comment that marks a post as the article of one draft; checked before any update. */
export function draftMarker(draftId: string): string {
  return `<!-- copydesk-draft:${draftId.replace(/[^A-Za-z0-9_.:-]/g, '')} -->`;
}

/** How everything sent to WordPress is rendered: the shared renderer, shortcodes neutralised. */
function wordPressRender(creditFormat: string): Pick<RenderOptions, 'creditFormat' | 'shortcodes'> {
  return { creditFormat, shortcodes: 'neutralise' };
}

/** Caption HTML for the media library: the caption, then the credit in a span the theme can style. */
export function mediaCaptionHtml(image: ImageRef, creditFormat: string): string {
  return renderCaptionHtml(image, wordPressRender(creditFormat));
}

export function creditMetaWarning(key: string): string {
  return (
    `WordPress did not keep the image credit in the meta key "${key}": the site has not registered that key ` +
    `for the REST API, and WordPress drops unknown meta without saying so. The credit is still in every caption. ` +
    `Ask the site's administrator to register "${key}" (see Copydesk's WordPress guide), or clear "Credit meta key" in the target.`
  );
}

function client(config: WordPressConfig, secret: string | null, ctx: ConnectionContext): WordPressClient {
  let siteUrl: URL;
  try {
    siteUrl = checkTargetUrl(config.siteUrl, 'The site URL');
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw new PublishError('permanent', 'The site URL is not valid.');
  }
  return new WordPressClient(siteUrl, config.username.trim(), secret, ctx.fetch, ctx.signal);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#0*39;|&#x0*27;|&apos;/gi, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function testConnection(
  config: WordPressConfig,
  secret: string | null,
  ctx: ConnectionContext,
): Promise<string> {
  const wp = client(config, secret, ctx);
  const notWordPress = (detail: string): PublishError =>
    new PublishError(
      'permanent',
      `This is not a WordPress site, or its REST API is turned off (${detail}). Check the site URL: it is the address of the site's home page.`,
    );
  let index: unknown;
  try {
    index = await wp.call({
      route: '/',
      auth: false,
      context: { action: 'looking for the WordPress REST API' },
    });
  } catch (error) {
    if (error instanceof PublishError && (error.details.status === 404 || /not JSON/.test(error.message))) {
      throw notWordPress(error.details.status === 404 ? 'no /wp-json/ on the site' : 'its reply is not JSON');
    }
    throw error;
  }
  const site = SiteIndexSchema.safeParse(index);
  if (!site.success || !site.data.namespaces.includes('wp/v2')) {
    throw notWordPress('the reply has no "wp/v2" API');
  }
  const siteName = site.data.name !== undefined ? decodeEntities(site.data.name) : 'the site';
  const authentication = site.data.authentication ?? {};
  const notes: string[] = [];

  const loggingIn = { action: 'logging in', credentials: 'the username and application password' };
  const me = parseReply(
    CurrentUserSchema,
    await wp.call({ route: '/wp/v2/users/me', query: { context: 'edit' }, context: loggingIn }),
    'a user',
    loggingIn,
  );
  const capabilities = me.capabilities ?? {};
  if (capabilities.upload_files === false || capabilities.upload_files === undefined) {
    notes.push(
      'This user may not upload images; use an account with the Author, Editor or Administrator role.',
    );
  }
  if (capabilities.publish_posts === false || capabilities.publish_posts === undefined) {
    notes.push(
      'This user may not publish posts; use an account with the Author, Editor or Administrator role.',
    );
  }
  if (capabilities.manage_categories === false || capabilities.manage_categories === undefined) {
    notes.push(
      'This user may not create new tags (only an Editor or Administrator can); use tags that already exist on the site.',
    );
  }
  if (!('application-passwords' in authentication)) {
    notes.push('The site does not advertise application passwords; a security plugin may block them.');
  }
  const key = config.creditMetaKey;
  if (key !== '') {
    const schema = await wp.send({
      method: 'OPTIONS',
      route: '/wp/v2/media',
      context: { action: 'reading the media schema' },
    });
    const metaProperties = MediaSchemaReplySchema.parse(schema.json).schema?.properties?.meta?.properties;
    if (schema.status === 200 && metaProperties !== undefined) {
      if (!(key in metaProperties)) notes.push(creditMetaWarning(key));
    }
  }
  const userName = me.username ?? config.username;
  const roles = me.roles ? ` (${me.roles.join(', ')})` : '';
  return [`Connected to "${siteName}" as ${userName}${roles}.`, ...notes].join(' ');
}

interface PublishState {
  progress: JobProgress;
  warnings: Set<string>;
}

async function publish(
  snapshot: PublishSnapshot,
  config: WordPressConfig,
  secret: string | null,
  ctx: AdapterContext,
): Promise<PublishResult> {
  const wp = client(config, secret, ctx);
  const state: PublishState = {
    progress: structuredClone({ ...ctx.progress, media: { ...ctx.progress.media } }),
    warnings: new Set(),
  };
  const save = (): void => ctx.recordProgress(structuredClone(state.progress));
  if (state.progress.extra?.creditMetaDropped)
    state.warnings.add(creditMetaWarning(state.progress.extra.creditMetaDropped));

  let root: SerializedNodeLike;
  try {
    root = parseBody(snapshot.bodyJson).editorState.root;
  } catch (error) {
    throw new PublishError(
      'permanent',
      error instanceof Error ? error.message : 'The article body cannot be read.',
    );
  }

  const uploads = uniqueImages(snapshot);
  const total = uploads.length + 1;
  for (const [index, image] of uploads.entries()) {
    ctx.reportStep({ label: `Uploading image ${index + 1} of ${uploads.length}`, index: index + 1, total });
    if (state.progress.media[image.hash]) continue;
    await uploadImage(wp, image, config, ctx, state, save);
  }

  ctx.reportStep({ label: 'Sending the article', index: total, total });
  const tagIds = await resolveTags(wp, snapshot.meta.tags, state, save);
  const mediaUrl = (image: ImageRef): string => state.progress.media[image.hash]?.url ?? '';
  const render = wordPressRender(config.creditFormat);
  const content = [
    renderBylineHtml(snapshot.meta, render),
    renderBodyHtml(root, { ...render, imageSrc: mediaUrl }),
    draftMarker(snapshot.draftId),
    jobMarker(ctx.idempotencyKey),
  ]
    .filter((part) => part !== '')
    .join('\n');
  const lead = snapshot.leadImage ? state.progress.media[snapshot.leadImage.hash] : undefined;
  const postBody: Record<string, unknown> = {
    title: escapeText(snapshot.meta.headline.trim(), render),
    content,
    excerpt: escapeText(snapshot.meta.standfirst.trim(), render),
    status: snapshot.scheduledAt === null ? 'publish' : 'future',
    featured_media: lead ? Number(lead.remoteId) : 0,
    tags: tagIds,
    meta: { [IDEMPOTENCY_META_KEY]: ctx.idempotencyKey },
  };
  if (snapshot.meta.slug.trim() !== '') postBody.slug = snapshot.meta.slug.trim();
  if (snapshot.scheduledAt !== null) postBody.date_gmt = wordPressDate(snapshot.scheduledAt);

  const post = await savePost(wp, postBody, snapshot.draftId, ctx, state, save);
  return { ...post, ...(state.warnings.size > 0 ? { warnings: [...state.warnings] } : {}) };
}

/** Lead image first, then body figures; each image once. */
function uniqueImages(snapshot: PublishSnapshot): PublishImage[] {
  const seen = new Set<string>();
  const images: PublishImage[] = [];
  for (const image of [snapshot.leadImage, ...snapshot.images]) {
    if (image && !seen.has(image.hash)) {
      seen.add(image.hash);
      images.push(image);
    }
  }
  return images;
}

/** WordPress's date_gmt: ISO 8601 without zone designator, in UTC. */
export function wordPressDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

async function uploadImage(
  wp: WordPressClient,
  image: PublishImage,
  config: WordPressConfig,
  ctx: AdapterContext,
  state: PublishState,
  save: () => void,
): Promise<void> {
  const stepKey = `media:${image.hash}`;
  const context = { action: `uploading the image "${image.filename}"`, imageName: image.filename };
  const credit = image.credit.trim();
  if (state.progress.sent?.[stepKey] !== undefined) {
    // An earlier attempt sent this upload and lost the reply: reuse the file if it arrived.
    const found = await findUploadedMedia(wp, image);
    if (found) {
      state.progress.media[image.hash] = found.item;
      noteCreditMeta(found.meta, config, credit, state);
      save();
      return;
    }
  }
  const bytes = await image.readBytes();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: image.mime }), image.filename);
  form.append('caption', mediaCaptionHtml(image, config.creditFormat));
  form.append('alt_text', image.alt.trim());
  form.append('description', mediaDescription(image, config.creditFormat));
  if (config.creditMetaKey !== '' && credit !== '') form.append(`meta[${config.creditMetaKey}]`, credit);

  state.progress.sent = { ...state.progress.sent, [stepKey]: ctx.now() };
  save();
  const media = parseReply(
    MediaSchema,
    await wp.call({ method: 'POST', route: '/wp/v2/media', body: form, context }),
    'an uploaded image',
    context,
  );
  state.progress.media[image.hash] = { remoteId: media.id, url: media.source_url };
  noteCreditMeta(media.meta, config, credit, state);
  save();
}

function mediaDescription(image: ImageRef, creditFormat: string): string {
  return [
    image.caption.trim(),
    image.credit.trim() ? formatCredit(image.credit.trim(), creditFormat) : '',
    image.copyright.trim(),
  ]
    .filter((part) => part !== '')
    .map((part) => `<p>${escapeText(part, wordPressRender(creditFormat))}</p>`)
    .join('\n');
}

/** WordPress drops meta that the site did not register; the reply's meta then lacks the key. */
function noteCreditMeta(
  meta: Record<string, unknown>,
  config: WordPressConfig,
  credit: string,
  state: PublishState,
): void {
  const key = config.creditMetaKey;
  if (key === '' || credit === '' || key in meta) return;
  state.warnings.add(creditMetaWarning(key));
  state.progress.extra = { ...state.progress.extra, creditMetaDropped: key };
}

async function findUploadedMedia(
  wp: WordPressClient,
  image: PublishImage,
): Promise<{ item: RemoteItem; meta: Record<string, unknown> } | null> {
  const stem = image.filename.replace(/\.[^.]+$/, '');
  const extension = image.filename.slice(stem.length);
  // WordPress appends "-1", "-2" when the name is taken, and "-scaled" to big images it shrinks.
  const pattern = new RegExp(`/${escapeRegExp(stem)}(?:-\\d+)?(?:-scaled)?${escapeRegExp(extension)}$`);
  const context = { action: 'checking whether an earlier upload arrived' };
  const recent = parseReply(
    MediaListSchema,
    await wp.call({
      route: '/wp/v2/media',
      query: { context: 'edit', per_page: '50', orderby: 'id', order: 'desc', _fields: 'id,source_url,meta' },
      context,
    }),
    'a list of images',
    context,
  );
  for (const candidate of recent) {
    if (pattern.test(new URL(candidate.source_url).pathname)) {
      return { item: { remoteId: candidate.id, url: candidate.source_url }, meta: candidate.meta };
    }
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function resolveTags(
  wp: WordPressClient,
  names: string[],
  state: PublishState,
  save: () => void,
): Promise<number[]> {
  const ids: number[] = [];
  for (const rawName of names) {
    const name = rawName.trim();
    if (name === '') continue;
    const cacheKey = `tag:${name.toLowerCase()}`;
    const cached = state.progress.extra?.[cacheKey];
    let id = cached !== undefined ? Number(cached) : await findOrCreateTag(wp, name);
    if (!Number.isFinite(id)) id = await findOrCreateTag(wp, name);
    if (!ids.includes(id)) ids.push(id);
    if (cached === undefined) {
      state.progress.extra = { ...state.progress.extra, [cacheKey]: String(id) };
      save();
    }
  }
  return ids;
}

async function findOrCreateTag(wp: WordPressClient, name: string): Promise<number> {
  const context = { action: `looking up the tag "${name}"` };
  const found = parseReply(
    TagListSchema,
    await wp.call({
      route: '/wp/v2/tags',
      query: { search: name, per_page: '100', _fields: 'id,name' },
      context,
    }),
    'a list of tags',
    context,
  );
  const wanted = name.toLowerCase();
  for (const tag of found) {
    if (decodeEntities(tag.name).trim().toLowerCase() === wanted) return Number(tag.id);
  }
  const created = await wp.send({
    method: 'POST',
    route: '/wp/v2/tags',
    body: { name },
    context: { action: `creating the tag "${name}"` },
  });
  if (created.status >= 200 && created.status < 300)
    return Number(parseReply(TagSchema, created.json, 'a tag', context).id);
  // Created meanwhile (another publish, or a lost reply): WordPress names the existing term.
  const refusal = wordPressError(created.json);
  if (refusal?.code === 'term_exists' && typeof refusal.data?.term_id === 'number') {
    return refusal.data.term_id;
  }
  throw await replyFailure(created, context);
}

async function savePost(
  wp: WordPressClient,
  body: Record<string, unknown>,
  draftId: string,
  ctx: AdapterContext,
  state: PublishState,
  save: () => void,
): Promise<RemoteItem> {
  const context = { action: 'sending the article' };
  // This job's own post (created by an earlier attempt) needs no ownership check.
  let existingId = state.progress.post?.remoteId;
  if (existingId === undefined && state.progress.sent?.post !== undefined) {
    existingId = (await findPostOfJob(wp, ctx.idempotencyKey))?.remoteId;
  }
  if (existingId === undefined && ctx.previous) {
    const owner = await previousPostIsOurs(wp, ctx.previous, draftId);
    if (owner === 'ours') existingId = ctx.previous.remoteId;
    if (owner === 'not-ours')
      state.warnings.add(
        `The post ${ctx.previous.remoteId} on the site is not this article any more (it lacks Copydesk's mark for this draft), so Copydesk left it alone and published a new post.`,
      );
  }
  if (existingId !== undefined) {
    const reply = await wp.send({
      method: 'POST',
      route: `/wp/v2/posts/${encodeURIComponent(existingId)}`,
      body,
      context,
    });
    const gone = wordPressError(reply.json)?.code === 'rest_post_invalid_id';
    if (!gone) {
      if (reply.status < 200 || reply.status >= 300) throw await replyFailure(reply, context);
      return goLive(wp, existingId, body, reply.json, ctx, state, save);
    }
    // Deleted on the site since the last publish (trashed posts still update): publish it anew.
  }
  // Created as a draft with everything attached; only the last step makes it public.
  const wasPending = state.progress.sent?.post !== undefined;
  state.progress.sent = { ...state.progress.sent, post: ctx.now() };
  save();
  let created: unknown;
  try {
    created = await wp.call({
      method: 'POST',
      route: '/wp/v2/posts',
      body: { ...body, status: 'draft' },
      context,
    });
  } catch (error) {
    // WordPress refused a first create outright: nothing to look for on the next try.
    if (!wasPending && provesNotStored(error)) {
      const sent = { ...state.progress.sent };
      delete sent.post;
      state.progress.sent = sent;
      save();
    }
    throw error;
  }
  const draft = finishPost(parseReply(PostSchema, created, 'a post', context), state, save);
  const live = await wp.call({
    method: 'POST',
    route: `/wp/v2/posts/${encodeURIComponent(draft.remoteId)}`,
    body: statusFields(body),
    context: { action: 'making the article public' },
  });
  return goLive(wp, draft.remoteId, body, live, ctx, state, save);
}

/** The status (and schedule date) of a post body: what the last step sends. */
function statusFields(body: Record<string, unknown>): Record<string, unknown> {
  return { status: body.status, ...(body.date_gmt !== undefined ? { date_gmt: body.date_gmt } : {}) };
}

/** Finishes a post whose reply is in `reply`; a post that stays scheduled although "publish now" was asked is moved to now. */
async function goLive(
  wp: WordPressClient,
  id: string,
  body: Record<string, unknown>,
  reply: unknown,
  ctx: AdapterContext,
  state: PublishState,
  save: () => void,
): Promise<RemoteItem> {
  const context = { action: 'making the article public' };
  const post = parseReply(PostSchema, reply, 'a post', context);
  if (body.status === 'publish' && post.status === 'future') {
    // It was scheduled before: WordPress keeps a post with a future date scheduled, so publishing now moves the date.
    const now = await wp.call({
      method: 'POST',
      route: `/wp/v2/posts/${encodeURIComponent(id)}`,
      body: { status: 'publish', date_gmt: wordPressDate(ctx.now()) },
      context,
    });
    return finishPost(parseReply(PostSchema, now, 'a post', context), state, save);
  }
  return finishPost(post, state, save);
}

/**
 * Whether the previous publication's post is still this draft's: its content
 * carries the draft marker or the marker of a job that published it.
 * 'gone' when WordPress no longer has it (then a new post is created).
 */
async function previousPostIsOurs(
  wp: WordPressClient,
  previous: PreviousPublication,
  draftId: string,
): Promise<'ours' | 'not-ours' | 'gone'> {
  const context = { action: 'checking that the published post is still this article' };
  const reply = await wp.send({
    route: `/wp/v2/posts/${encodeURIComponent(previous.remoteId)}`,
    query: { context: 'edit', _fields: 'id,content,meta' },
    context,
  });
  if (wordPressError(reply.json)?.code === 'rest_post_invalid_id') return 'gone';
  if (reply.status === 404 || reply.status === 410) return 'gone';
  if (reply.status < 200 || reply.status >= 300) throw await replyFailure(reply, context);
  const fields = parseReply(PostMarksSchema, reply.json, 'a post', context);
  const text = fields.content?.raw ?? '';
  const metaKey = fields.meta[IDEMPOTENCY_META_KEY];
  const ours =
    text.includes(draftMarker(draftId)) ||
    previous.jobKeys.some((key) => text.includes(jobMarker(key)) || metaKey === key);
  return ours ? 'ours' : 'not-ours';
}

function finishPost(post: z.output<typeof PostSchema>, state: PublishState, save: () => void): RemoteItem {
  const item = { remoteId: post.id, url: post.link };
  state.progress.post = item;
  save();
  return item;
}

/** The post an earlier attempt of this job created, found by the job marker in its content. */
async function findPostOfJob(wp: WordPressClient, idempotencyKey: string): Promise<RemoteItem | null> {
  const marker = jobMarker(idempotencyKey);
  const context = { action: 'checking whether the article arrived on an earlier try' };
  const matches = (post: z.output<typeof PostSearchListSchema>[number]): boolean =>
    post.content?.raw?.includes(marker) === true || post.meta[IDEMPOTENCY_META_KEY] === idempotencyKey;
  const common = { context: 'edit', status: POST_STATUSES_TO_SEARCH, _fields: 'id,link,content,meta' };
  // Search finds it however old; the newest posts cover sites whose search a plugin replaced.
  for (const query of [
    { ...common, search: idempotencyKey, per_page: '20' },
    { ...common, orderby: 'id', order: 'desc', per_page: '50' },
  ]) {
    const posts = parseReply(
      PostSearchListSchema,
      await wp.call({ route: '/wp/v2/posts', query, context }),
      'a list of posts',
      context,
    );
    const post = posts.find(matches);
    if (post) return { remoteId: post.id, url: post.link };
  }
  return null;
}

export const wordpressAdapter: PublishAdapter<WordPressConfig> = {
  kind: 'wordpress',
  configSchema: WordPressConfigSchema,
  needsSecret: true,
  testConnection,
  publish,
};
