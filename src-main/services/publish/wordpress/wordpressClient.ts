// The WordPress REST API as the adapter uses it: Basic auth with an
// application password, replies read with the publishing policy (capped,
// redirects checked), and WordPress's own error codes turned into messages an
// editor can act on. Plain Node; fetch comes from the caller.
import { PublishError, truncate, type FailureContext } from '../publishError';
import { classifyHttpFailure, MAX_REPLY_BYTES, readCappedText, requestWithPolicy } from '../httpPolicy';
import { wordPressError, type WordPressErrorBody } from './wordpressReplies';

export const WORDPRESS_CREDENTIALS = 'the username and application password';

export interface WordPressReply {
  status: number;
  headers: Headers;
  /** The parsed JSON body (null when the body was empty). */
  json: unknown;
}

export interface WordPressRequest {
  method?: 'GET' | 'POST' | 'OPTIONS';
  /** Route under the REST root, e.g. "/wp/v2/posts". */
  route: string;
  query?: Record<string, string>;
  /** A JSON-serializable object, or FormData for an upload. */
  body?: object | FormData;
  /** Without auth the request is anonymous (discovery of the REST root). */
  auth?: boolean;
  context?: FailureContext;
}

/** True when the value is WordPress's error body (`{ code, message, data }`). */
export function isWordPressError(value: unknown): value is WordPressErrorBody {
  return wordPressError(value) !== null;
}

export class WordPressClient {
  /**
   * Sites without "pretty permalinks" have no /wp-json/; their REST API is
   * reached with ?rest_route=. Switched once when /wp-json/ is not WordPress.
   */
  private restStyle: 'path' | 'query' = 'path';
  private readonly base: URL;

  constructor(
    siteUrl: URL,
    private readonly username: string,
    private readonly password: string | null,
    private readonly fetchFn: typeof fetch,
    private readonly signal: AbortSignal,
  ) {
    const base = new URL(siteUrl.href);
    base.search = '';
    base.hash = '';
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
  }

  url(route: string, query: Record<string, string> = {}): URL {
    let url: URL;
    if (this.restStyle === 'path') {
      url = new URL(`wp-json${route}`, this.base);
    } else {
      url = new URL(this.base.href);
      url.searchParams.set('rest_route', route);
    }
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** Sends one request; resolves with any reply whose body is JSON (2xx or not) and throws on the rest. */
  async send(request: WordPressRequest): Promise<WordPressReply> {
    const first = await this.sendOnce(request);
    if (first.kind === 'reply') return first.reply;
    if (this.restStyle === 'path' && first.response.status === 404) {
      // Not a WordPress JSON 404: maybe the site has no pretty permalinks.
      this.restStyle = 'query';
      const second = await this.sendOnce(request);
      if (second.kind === 'reply') return second.reply;
      this.restStyle = 'path';
      throw await this.failure(second.response, second.text, request.context);
    }
    throw await this.failure(first.response, first.text, request.context);
  }

  /** Like send, but a non-2xx reply is thrown as a PublishError. */
  async call(request: WordPressRequest): Promise<unknown> {
    const reply = await this.send(request);
    if (reply.status >= 200 && reply.status < 300) return reply.json;
    throw await replyFailure(reply, request.context ?? {});
  }

  private async sendOnce(
    request: WordPressRequest,
  ): Promise<
    { kind: 'reply'; reply: WordPressReply } | { kind: 'not-json'; response: Response; text: string | null }
  > {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.auth !== false) {
      if (this.password === null || this.password.trim() === '') {
        throw new PublishError(
          'permanent',
          'This WordPress target has no application password. Open "Publish targets" and enter it.',
        );
      }
      const token = Buffer.from(`${this.username}:${this.password.trim()}`, 'utf8').toString('base64');
      headers.Authorization = `Basic ${token}`;
    }
    let body: string | FormData | undefined;
    if (request.body instanceof FormData) {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    const context = request.context ?? {};
    const response = await requestWithPolicy(
      this.fetchFn,
      this.url(request.route, request.query),
      { method: request.method ?? 'GET', headers, body, signal: this.signal },
      context,
    );
    let text: string | null;
    try {
      text = await readCappedText(response, MAX_REPLY_BYTES);
    } catch (error) {
      throw await classifyHttpFailure(error, context);
    }
    if (text === null) {
      throw new PublishError(
        'retryable',
        `WordPress's reply${forAction(context)} was larger than ${Math.round(MAX_REPLY_BYTES / 1024 / 1024)} MB, so Copydesk stopped reading it. Copydesk will try again.`,
        { status: response.status },
      );
    }
    const json = parseJson(text);
    if (json === undefined || (response.status === 404 && !isWordPressError(json))) {
      return { kind: 'not-json', response, text };
    }
    return { kind: 'reply', reply: { status: response.status, headers: response.headers, json } };
  }

  private async failure(
    response: Response,
    text: string | null,
    context: FailureContext = {},
  ): Promise<PublishError> {
    const withCredentials = { credentials: WORDPRESS_CREDENTIALS, ...context };
    if (response.ok) {
      const start = (text ?? '').trim().slice(0, 60).replace(/\s+/g, ' ');
      return new PublishError(
        'retryable',
        `WordPress's reply${forAction(context)} was not JSON${start ? ` (it began with "${start}")` : ''}. A plugin or the server may have printed an error; Copydesk will try again.`,
        { status: response.status },
      );
    }
    if (response.status === 404) {
      return new PublishError(
        'permanent',
        `${this.base.origin}${this.base.pathname} does not answer like a WordPress site${forAction(context)} (HTTP 404 for its REST API). Check the site URL; the REST API may also be turned off by a plugin.`,
        { status: 404 },
      );
    }
    const copy = new Response(text ?? '', {
      status: response.status,
      headers: retryAfterOnly(response.headers),
    });
    return classifyHttpFailure(copy, withCredentials);
  }
}

/** The PublishError for a non-2xx JSON reply from WordPress. */
export async function replyFailure(reply: WordPressReply, context: FailureContext): Promise<PublishError> {
  const specific = wordPressFailure(reply, context);
  if (specific) return specific;
  const copy = new Response(JSON.stringify(reply.json), {
    status: reply.status,
    headers: retryAfterOnly(reply.headers),
  });
  return classifyHttpFailure(copy, { credentials: WORDPRESS_CREDENTIALS, ...context });
}

/**
 * WordPress error codes whose meaning the HTTP status alone gets wrong: upload
 * limits are reported as 500 ("unknown error") or 400 ("no data"), which must
 * not be retried forever. Null: let the shared classification decide.
 */
export function wordPressFailure(reply: WordPressReply, context: FailureContext): PublishError | null {
  const { status } = reply;
  const json = wordPressError(reply.json);
  if (!json) return null;
  const said = truncate(stripTags(json.message), 300);
  const image = context.imageName ? `The image "${context.imageName}"` : 'The image';
  const tooLarge = (): PublishError =>
    new PublishError(
      'permanent',
      `${image} is too large for this WordPress site (${said}). Use a smaller image or ask the site's administrator to raise the upload limit.`,
      { status },
    );
  if (
    json.code === 'rest_upload_file_too_big' ||
    json.code === 'rest_upload_limited_space' ||
    json.code === 'rest_upload_user_quota_exceeded' ||
    (json.code.startsWith('rest_upload_') &&
      /max_filesize|post_max_size|too large|exceeds/i.test(json.message))
  ) {
    return tooLarge();
  }
  if (json.code === 'rest_upload_no_data' && context.imageName) {
    // PHP drops a body over post_max_size entirely; WordPress then sees no file.
    return tooLarge();
  }
  if (json.code.startsWith('rest_upload_')) {
    return new PublishError(
      'permanent',
      `WordPress refused ${context.imageName ? `the image "${context.imageName}"` : 'the image'}: ${said}`,
      { status },
    );
  }
  if (status === 401 || status === 403) {
    const permission = /not allowed|cannot|permission/i.test(json.code + json.message) && status === 403;
    return new PublishError(
      'permanent',
      permission
        ? `WordPress refused${forAction(context)}: the user may not do this ("${said}"). Use an account with the Editor or Administrator role.`
        : `WordPress refused the login${forAction(context)} (HTTP ${status}). Check ${WORDPRESS_CREDENTIALS}. WordPress said: "${said}"`,
      { status },
    );
  }
  return null;
}

function retryAfterOnly(headers: Headers): Headers {
  const kept = new Headers();
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) kept.set('retry-after', retryAfter);
  return kept;
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function forAction(context: FailureContext): string {
  return context.action ? ` while ${context.action}` : '';
}
