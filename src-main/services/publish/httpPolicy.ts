// The HTTP policy of publishing, the one place that decides how Copydesk talks
// to a site: target URLs (https, or http only to this computer), redirects
// followed by hand (never to plain http, credentials dropped on another
// origin), replies read with a size cap, and every failure (a status or a
// network error) classified as retryable or permanent with a message an editor
// can act on. Every adapter uses it, so the same failure reads the same on
// every target. The error type itself is in publishError.ts.
import { forAction, PublishError, truncate, type FailureContext } from './publishError';

/**
 * True when the server answered a create with a refusal that proves nothing was
 * stored (4xx other than 408/429): the create is settled, not pending, and a
 * later publish need not wait for it.
 */
export function provesNotStored(error: unknown): boolean {
  if (!(error instanceof PublishError)) return false;
  const status = error.details.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Replies larger than this are not read (a 50 MB reply is a broken server, not an answer). */
export const MAX_REPLY_BYTES = 5 * 1024 * 1024;
const MESSAGE_LIMIT = 300;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Checks a target URL: absolute http(s); plain http only for this computer
 * (loopback), because a token sent over plain http can be read on the way.
 */
export function checkTargetUrl(raw: string, label = 'The URL'): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new PublishError(
      'permanent',
      `${label} "${truncate(raw, 80)}" is not a valid web address. It should look like https://example.com/…`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PublishError(
      'permanent',
      `${label} must start with https:// (it starts with ${url.protocol}).`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new PublishError(
      'permanent',
      `${label} uses plain http://, which would send your password or token unencrypted. Use the https:// address of the site.`,
    );
  }
  if (url.username || url.password) {
    throw new PublishError(
      'permanent',
      `${label} must not contain a user name or password; enter them in their own fields.`,
    );
  }
  return url;
}

export interface RequestOptions extends RequestInit {
  /** Follow at most this many redirects (each checked: https only, never https -> http). */
  maxRedirects?: number;
}

/**
 * fetch with the publishing policy: redirects followed by hand and refused when
 * they lead to plain http; network failures converted to PublishError.
 * Credentials stay on the origin they were meant for: from the first redirect
 * to another origin (scheme, host or port) on, `Authorization` and `Cookie`
 * are no longer sent, as browsers do (Fetch standard, "HTTP-redirect fetch").
 * The response is returned as is (any status); use expectOk/readJsonReply next.
 */
export async function requestWithPolicy(
  fetchFn: typeof fetch,
  url: string | URL,
  init: RequestOptions,
  context: FailureContext = {},
): Promise<Response> {
  let current = new URL(url);
  const maxRedirects = init.maxRedirects ?? 5;
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await fetchFn(current, { ...init, headers, redirect: 'manual' });
    } catch (error) {
      throw await classifyHttpFailure(error, context);
    }
    if (response.status < 300 || response.status >= 400 || !response.headers.has('location')) return response;
    await discardBody(response);
    if (hop >= maxRedirects) {
      throw new PublishError(
        'permanent',
        `The server redirected too many times${forAction(context)}. Check the address.`,
        {
          status: response.status,
        },
      );
    }
    const next = new URL(response.headers.get('location') ?? '', current);
    if (next.protocol === 'http:' && current.protocol === 'https:') {
      throw new PublishError(
        'permanent',
        `The server redirected to an unencrypted http:// address (${truncate(next.origin, 80)}); Copydesk refuses to send your article and credentials there. Check the site's https settings or the address.`,
        { status: response.status },
      );
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new PublishError(
        'permanent',
        `The server redirected to an address Copydesk cannot use (${truncate(next.href, 80)}).`,
      );
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const keepsMethod = response.status === 307 || response.status === 308;
    if (!keepsMethod && method !== 'GET' && method !== 'HEAD') {
      // 301/302/303 turn a POST into a GET: the article would silently not be sent.
      throw new PublishError(
        'permanent',
        `The server moved the address (${response.status}) to ${truncate(next.href, 100)}. Enter that address in the target settings.`,
        { status: response.status },
      );
    }
    if (next.origin !== current.origin) {
      headers.delete('authorization');
      headers.delete('cookie');
    }
    current = next;
  }
}

/**
 * Converts a failed fetch (thrown error) or a non-2xx Response into a
 * PublishError. Reads at most a capped part of the body for the server's message.
 */
export async function classifyHttpFailure(
  failure: unknown,
  context: FailureContext = {},
): Promise<PublishError> {
  if (failure instanceof PublishError) return failure;
  if (isResponse(failure)) return classifyResponse(failure, context);
  return classifyThrown(failure, context);
}

async function classifyResponse(response: Response, context: FailureContext): Promise<PublishError> {
  const status = response.status;
  const serverMessage = await readServerMessage(response);
  const said = serverMessage ? ` The server said: "${serverMessage}"` : '';
  const action = forAction(context);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return new PublishError(
      'retryable',
      `The server is busy (too many requests)${action}; Copydesk will try again.`,
      {
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
    );
  }
  if (status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return new PublishError(
      'retryable',
      `The server had a problem${action} (HTTP ${status}); Copydesk will try again.${said}`,
      { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  if (status === 401 || status === 403) {
    const what = context.credentials ?? 'the username and application password / token';
    return new PublishError(
      'permanent',
      `The server refused the login${action} (HTTP ${status}). Check ${what}.${said}`,
      {
        status,
      },
    );
  }
  if (status === 404) {
    return new PublishError(
      'permanent',
      `The server has nothing at this address${action} (HTTP 404). Check the site/endpoint URL.${said}`,
      {
        status,
      },
    );
  }
  if (status === 413) {
    const image = context.imageName ? `The image "${context.imageName}"` : 'What Copydesk sent';
    return new PublishError(
      'permanent',
      `${image} is too large for the server (HTTP 413). Use a smaller image or ask the site's administrator to raise the upload limit.`,
      { status },
    );
  }
  if (status >= 400) {
    return new PublishError(
      'permanent',
      `The server refused${action} (HTTP ${status}).${said || ' It gave no reason.'}`,
      { status },
    );
  }
  return new PublishError('retryable', `Unexpected reply from the server${action} (HTTP ${status}).`, {
    status,
  });
}

function classifyThrown(error: unknown, context: FailureContext): PublishError {
  const action = forAction(context);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') {
    return new PublishError(
      'retryable',
      `The server did not answer in time${action}; Copydesk will try again.`,
    );
  }
  if (name === 'AbortError') {
    return new PublishError('retryable', `Sending was interrupted${action}; Copydesk will try again.`);
  }
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new PublishError(
      'retryable',
      `The server's name could not be found${action} (you may be offline, or the address is mistyped). Copydesk will try again.`,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new PublishError(
      'retryable',
      `The server refused the connection${action}; it may be down. Copydesk will try again.`,
    );
  }
  if (code && TLS_CODES.has(code)) {
    return new PublishError(
      'permanent',
      `The secure connection failed${action}: the site's certificate is not valid (${code}). Check the address, or ask the site's administrator to fix the certificate.`,
    );
  }
  if (code && /^(ERR_TLS|ERR_SSL|CERT_|SSL)/.test(code)) {
    return new PublishError(
      'permanent',
      `The secure connection failed${action} (${code}). Check the address and the site's certificate.`,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return new PublishError('retryable', `The connection was cut${action}; Copydesk will try again.`);
  }
  if (
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new PublishError(
      'retryable',
      `The server did not answer in time${action}; Copydesk will try again.`,
    );
  }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN') {
    return new PublishError(
      'retryable',
      `No network connection${action}; Copydesk will try again when you are online.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PublishError(
    'retryable',
    `The request failed${action} (${truncate(code ?? detail, 120)}); Copydesk will try again.`,
  );
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
]);

/** The error code of a fetch failure (undici puts the socket's error in `cause`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Retry-After as seconds or an HTTP date -> milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Reads a body up to `maxBytes`; returns null when it is larger (and stops reading). */
export async function readCappedText(response: Response, maxBytes = MAX_REPLY_BYTES): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discardBody(response);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Reads a 2xx reply as JSON (capped). Throws a retryable PublishError for a
 * reply that is too large or not JSON: the server may have done the work, and a
 * retry with the same Idempotency-Key is safe.
 */
export async function readJsonReply(
  response: Response,
  context: FailureContext = {},
  maxBytes = MAX_REPLY_BYTES,
): Promise<unknown> {
  const action = forAction(context);
  let text: string | null;
  try {
    text = await readCappedText(response, maxBytes);
  } catch (error) {
    throw await classifyHttpFailure(error, context);
  }
  if (text === null) {
    throw new PublishError(
      'retryable',
      `The server's reply${action} was larger than ${Math.round(maxBytes / 1024 / 1024)} MB, so Copydesk stopped reading it. The server is probably misconfigured; Copydesk will try again.`,
      { status: response.status },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const start = text.trim().slice(0, 60).replace(/\s+/g, ' ');
    throw new PublishError(
      'retryable',
      `The server's reply${action} was not JSON${start ? ` (it began with "${start}")` : ' (it was empty)'}. Check the endpoint URL; Copydesk will try again.`,
      { status: response.status },
    );
  }
}

/** Throws the classified failure unless the response is 2xx. */
export async function expectOk(response: Response, context: FailureContext = {}): Promise<Response> {
  if (response.ok) return response;
  throw await classifyHttpFailure(response, context);
}

async function readServerMessage(response: Response): Promise<string> {
  let text: string | null;
  try {
    text = await readCappedText(response, 64 * 1024);
  } catch {
    return '';
  }
  if (!text) return '';
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json === 'object' && json !== null) {
      const record = json as Record<string, unknown>;
      const nested =
        typeof record.error === 'object' && record.error !== null
          ? (record.error as Record<string, unknown>)
          : {};
      for (const value of [record.message, nested.message, record.error, record.detail]) {
        if (typeof value === 'string' && value.trim() !== '')
          return truncate(stripTags(value), MESSAGE_LIMIT);
      }
    }
  } catch {
    // not JSON: use the text itself
  }
  return truncate(stripTags(text), MESSAGE_LIMIT);
}

async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // already closed
  }
}

function isResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response;
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
