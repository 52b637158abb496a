// The documented generic target (docs/publishing.md, docs/http-json.schema.json):
// one JSON request carries the whole article with its images inline (base64).
// Create: POST <endpoint>. Update: PUT <endpoint>/<remoteId>. Both send
// `Authorization: Bearer <token>` and `Idempotency-Key`; the server answers
// {"id": "...", "url": "https://..."}. A retried create with the same key must
// return the first create's id: that is what makes "never posts twice" hold
// when a reply is lost. One key is only ever sent with one body. Before an
// update, GET <endpoint>/<remoteId> must name this draft ("draftId"): an item
// that is not ours is never overwritten. The same GET also answers the
// article as the site holds it now (article.headline, article.standfirst,
// html): "Compare with the site" (../siteCompare.ts) reads it through
// readHttpJsonItem below.
import { z } from 'zod';
import { parseBody } from '../../../../src-shared/body';
import { PublishError, requireRemoteId, requireRemoteUrl, type FailureContext } from '../publishError';
import { checkTargetUrl, expectOk, provesNotStored, readJsonReply, requestWithPolicy } from '../httpPolicy';
import { publishSlug } from '../snapshot';
import type {
  AdapterContext,
  JobProgress,
  PublishAdapter,
  PublishImage,
  PublishSnapshot,
  RemoteItem,
} from '../types';

export const HTTP_JSON_CONTRACT = 'copydesk.article';
export const HTTP_JSON_CONTRACT_VERSION = 1;

export const HttpJsonConfigSchema = z.object({
  endpoint: z
    .string()
    .trim()
    .min(1, 'Enter the endpoint URL.')
    .max(2048)
    .superRefine((value, issue) => {
      try {
        checkTargetUrl(value, 'The endpoint URL');
      } catch (error) {
        issue.addIssue({
          code: 'custom',
          message: error instanceof Error ? error.message : 'The endpoint URL is not valid.',
        });
      }
    }),
});
export type HttpJsonConfig = z.infer<typeof HttpJsonConfigSchema>;

const CREDENTIALS = 'the token';

export interface HttpJsonImage {
  hash: string;
  role: 'lead' | 'body';
  filename: string;
  mime: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
  alt: string;
  copyright: string;
  dataBase64: string;
}

export interface HttpJsonPayload {
  contract: typeof HTTP_JSON_CONTRACT;
  version: typeof HTTP_JSON_CONTRACT_VERSION;
  idempotencyKey: string;
  article: {
    draftId: string;
    revision: number;
    articleType: string;
    kicker: string;
    headline: string;
    standfirst: string;
    byline: { name: string; role: string };
    tags: string[];
    slug: string;
    scheduledAt: string | null;
  };
  html: string;
  body: unknown;
  leadImage: string | null;
  images: HttpJsonImage[];
}

export async function buildHttpJsonPayload(
  snapshot: PublishSnapshot,
  idempotencyKey: string,
): Promise<HttpJsonPayload> {
  const describe = async (image: PublishImage, role: 'lead' | 'body'): Promise<HttpJsonImage> => ({
    hash: image.hash,
    role,
    filename: image.filename,
    mime: image.mime,
    width: image.width,
    height: image.height,
    caption: image.caption,
    credit: image.credit,
    alt: image.alt,
    copyright: image.copyright,
    dataBase64: (await image.readBytes()).toString('base64'),
  });
  const images: HttpJsonImage[] = [];
  if (snapshot.leadImage) images.push(await describe(snapshot.leadImage, 'lead'));
  for (const image of snapshot.images) images.push(await describe(image, 'body'));
  const { meta } = snapshot;
  return {
    contract: HTTP_JSON_CONTRACT,
    version: HTTP_JSON_CONTRACT_VERSION,
    idempotencyKey,
    article: {
      draftId: snapshot.draftId,
      revision: snapshot.revision,
      articleType: meta.articleType,
      kicker: meta.kicker,
      headline: meta.headline,
      standfirst: meta.standfirst,
      byline: { name: meta.byline, role: meta.bylineRole },
      tags: meta.tags,
      slug: publishSlug(meta),
      scheduledAt: snapshot.scheduledAt === null ? null : new Date(snapshot.scheduledAt).toISOString(),
    },
    html: snapshot.html,
    body: parseBody(snapshot.bodyJson),
    leadImage: snapshot.leadImage?.hash ?? null,
    images,
  };
}

export function createHttpJsonAdapter(): PublishAdapter<HttpJsonConfig> {
  return {
    kind: 'http-json',
    configSchema: HttpJsonConfigSchema,
    needsSecret: true,
    async testConnection(config, secret, ctx) {
      const url = checkTargetUrl(config.endpoint, 'The endpoint URL');
      const context: FailureContext = { action: 'testing the connection', credentials: CREDENTIALS };
      const response = await requestWithPolicy(
        ctx.fetch,
        url,
        { method: 'GET', headers: headers(secret, null), signal: ctx.signal },
        context,
      );
      await expectOk(response, context);
      await response.body?.cancel().catch(() => undefined);
      return `Connected to ${url.host}; the token was accepted.`;
    },
    async publish(snapshot, config, secret, ctx) {
      if (ctx.progress.post) return ctx.progress.post;
      const endpoint = checkTargetUrl(config.endpoint, 'The endpoint URL');
      ctx.reportStep({ label: 'Preparing the article', index: 1, total: 2 });
      const body = JSON.stringify(await buildHttpJsonPayload(snapshot, ctx.idempotencyKey));
      ctx.reportStep({ label: 'Sending the article', index: 2, total: 2 });
      let item: RemoteItem | null = null;
      const warnings: string[] = [];
      // A create already went out under this key: only that create (same body) resolves it, never an update.
      const pendingCreate = ctx.progress.sent?.post !== undefined;
      if (ctx.previous && !pendingCreate) {
        const owner = await remoteOwner(ctx, secret, itemUrl(endpoint, ctx.previous.remoteId));
        if (owner === snapshot.draftId) {
          item = await send(ctx, secret, itemUrl(endpoint, ctx.previous.remoteId), 'PUT', body, true);
        } else if (owner !== null) {
          warnings.push(
            `The item ${ctx.previous.remoteId} at the endpoint is not this article any more (it belongs to another draft), so Copydesk left it alone and published a new one.`,
          );
        }
      }
      if (!item) {
        // Recorded before the request: a reply lost now is recovered by resending the same key.
        ctx.recordProgress({ ...ctx.progress, sent: { ...ctx.progress.sent, post: ctx.now() } });
        try {
          item = await send(ctx, secret, endpoint, 'POST', body, false);
        } catch (error) {
          // A first create refused outright stored nothing; after an earlier lost reply it proves nothing.
          if (!pendingCreate && provesNotStored(error)) ctx.recordProgress(withoutSentPost(ctx.progress));
          throw error;
        }
      }
      if (!item)
        throw new PublishError(
          'retryable',
          'The server did not confirm the article; Copydesk will try again.',
        );
      ctx.recordProgress({ ...ctx.progress, post: item });
      return warnings.length > 0 ? { ...item, warnings } : item;
    },
  };
}

function withoutSentPost(progress: JobProgress): JobProgress {
  const sent = { ...progress.sent };
  delete sent.post;
  return { ...progress, sent };
}

function itemUrl(endpoint: URL, remoteId: string): URL {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(remoteId)}`;
  return url;
}

function headers(secret: string | null, idempotencyKey: string | null): Record<string, string> {
  const out: Record<string, string> = { Accept: 'application/json' };
  if (secret) out.Authorization = `Bearer ${secret}`;
  if (idempotencyKey) {
    out['Idempotency-Key'] = idempotencyKey;
    out['Content-Type'] = 'application/json';
  }
  return out;
}

/**
 * Whose item is at `url`: the draftId the endpoint names for it, '' when it
 * names none (not ours to overwrite), null when it is gone (404/410: create anew).
 */
async function remoteOwner(ctx: AdapterContext, secret: string | null, url: URL): Promise<string | null> {
  const reply = await readHttpJsonItem(ctx.fetch, url, secret, ctx.signal, {
    action: 'checking that the published item is still this article',
    credentials: CREDENTIALS,
  });
  return reply === null ? null : itemOwner(reply);
}

/** The draftId an item read with GET <endpoint>/<id> names ('' when none). */
export function itemOwner(reply: unknown): string {
  const record = typeof reply === 'object' && reply !== null ? (reply as Record<string, unknown>) : {};
  const article =
    typeof record.article === 'object' && record.article !== null
      ? (record.article as Record<string, unknown>)
      : {};
  const draftId = record.draftId ?? article.draftId;
  return typeof draftId === 'string' ? draftId : '';
}

/** `GET <endpoint>/<remoteId>`'s address. */
export function httpJsonItemUrl(config: HttpJsonConfig, remoteId: string): URL {
  return itemUrl(checkTargetUrl(config.endpoint, 'The endpoint URL'), remoteId);
}

/**
 * `GET <endpoint>/<id>` with the target's token, under the HTTP policy
 * (redirect rules, capped JSON read, failures classified): the item's JSON,
 * or null when it is gone (404/410). 405/501: the endpoint does not implement
 * the contract (permanent). Used before an update (whose item is it?) and by
 * "Compare with the site" (siteCompare.ts: what does the site hold now?).
 */
export async function readHttpJsonItem(
  fetchFn: typeof fetch,
  url: URL,
  secret: string | null,
  signal: AbortSignal,
  context: FailureContext = { action: 'reading the article at the endpoint', credentials: CREDENTIALS },
): Promise<unknown> {
  const response = await requestWithPolicy(
    fetchFn,
    url,
    { method: 'GET', headers: headers(secret, null), signal },
    context,
  );
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (response.status === 405 || response.status === 501) {
    await response.body?.cancel().catch(() => undefined);
    throw new PublishError(
      'permanent',
      `The endpoint does not answer GET ${url.pathname} (HTTP ${response.status}). Copydesk reads an item before updating it, to be sure it is this article and to see what changed there; see the HTTP JSON contract in Copydesk's publishing guide.`,
      { status: response.status },
    );
  }
  await expectOk(response, context);
  return readJsonReply(response, context);
}

/** Sends the article; null when an update found no remote item (it was deleted there: create anew). */
async function send(
  ctx: AdapterContext,
  secret: string | null,
  url: URL,
  method: 'POST' | 'PUT',
  body: string,
  missingIsNull: boolean,
): Promise<RemoteItem | null> {
  const context: FailureContext = {
    action: method === 'POST' ? 'sending the article' : 'updating the published article',
    credentials: CREDENTIALS,
  };
  const response = await requestWithPolicy(
    ctx.fetch,
    url,
    { method, headers: headers(secret, ctx.idempotencyKey), body, signal: ctx.signal },
    context,
  );
  if (missingIsNull && (response.status === 404 || response.status === 410)) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  await expectOk(response, context);
  const reply = await readJsonReply(response, context);
  return { remoteId: requireRemoteId(reply, context), url: requireRemoteUrl(reply, context) };
}
