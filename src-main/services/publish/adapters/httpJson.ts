// The documented generic target (docs/publishing.md, docs/http-json.schema.json):
// one JSON request carries the whole article with its images inline (base64).
// Create: POST <endpoint>. Update: PUT <endpoint>/<remoteId>. Both send
// `Authorization: Bearer <token>` and `Idempotency-Key`; the server answers
// {"id": "...", "url": "https://..."}. A retried create with the same key must
// return the first create's id: that is what makes "never posts twice" hold
// when a reply is lost.
import { z } from 'zod';
import { parseBody } from '../../../../src-shared/body';
import {
  checkTargetUrl,
  expectOk,
  PublishError,
  readJsonReply,
  requestWithPolicy,
  requireRemoteId,
  requireRemoteUrl,
  type FailureContext,
} from '../errors';
import { publishSlug } from '../snapshot';
import type { AdapterContext, PublishAdapter, PublishImage, PublishSnapshot, RemoteItem } from '../types';

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
      if (ctx.previous)
        item = await send(ctx, secret, itemUrl(endpoint, ctx.previous.remoteId), 'PUT', body, true);
      if (!item) {
        // Recorded before the request: a reply lost now is recovered by resending the same key.
        ctx.recordProgress({ ...ctx.progress, sent: { ...ctx.progress.sent, post: ctx.now() } });
        item = await send(ctx, secret, endpoint, 'POST', body, false);
      }
      if (!item)
        throw new PublishError(
          'retryable',
          'The server did not confirm the article; Copydesk will try again.',
        );
      ctx.recordProgress({ ...ctx.progress, post: item });
      return item;
    },
  };
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
