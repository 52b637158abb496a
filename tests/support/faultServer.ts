// A real HTTP server on 127.0.0.1 implementing the Copydesk HTTP JSON
// contract (docs/publishing.md), with fault injection. Used by unit tests,
// e2e specs and the bench. It keeps what it created, so a test can count
// duplicates and lost articles. Like a strict real server it remembers the body
// each Idempotency-Key first came with and refuses (422) the key with another
// body: a key names one snapshot of one article, never "whatever comes next".
// `GET <endpoint>/<id>` answers the article as it stands "on the site": what
// was last sent, changed by editOnSite() (a person editing it there), with
// faults of its own (setReadFault).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULTS = [
  'none',
  /** Connection closed after the body arrived, before anything was stored. */
  'drop-before-commit',
  /** Article stored, then the connection closed without a reply (the lost-reply case). */
  'drop-after-commit',
  'error-500',
  /** 429 with Retry-After (seconds). */
  'rate-limit-429',
  /** Stored, reply delayed by `slowMs`. */
  'slow',
  /** Stored, reply is not JSON. */
  'malformed-json',
  /** Stored, reply larger than the client's cap. */
  'huge-reply',
  /** Stored, reply lacks the id. */
  'missing-id',
  /** Stored, the reply never comes (until the server closes). */
  'hang-after-commit',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Faults of `GET <endpoint>/<id>` (reading one article), set apart from those of POST/PUT. */
export const READ_FAULTS = [
  'none',
  'error-500',
  /** 200 with a body that is not JSON. */
  'malformed-json',
  /** 200 with a reply larger than the client's cap. */
  'huge-reply',
  /** The reply never comes (until the server closes). */
  'hang',
  /** 200 with only id, url and draftId: a server that answers the marker check but not the text. */
  'no-text',
] as const;
export type ReadFault = (typeof READ_FAULTS)[number];

/** What a person may change in an article on the site (its editing screen). */
export interface SiteEdit {
  headline?: string;
  standfirst?: string;
  html?: string;
}

export interface StoredArticle {
  id: string;
  idempotencyKey: string;
  draftId: string;
  revision: number;
  headline: string;
  imageCount: number;
  updates: number;
  payload: Record<string, unknown>;
}

export interface FaultRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** 1 for the first request with this key, 2 for its first retry… */
  attempt: number;
}

export interface FaultServerOptions {
  token?: string;
  /** Decides the fault of each POST/PUT. Default: none. */
  faultFor?: (request: FaultRequest) => Fault;
  /** The fault of every `GET <endpoint>/<id>`. Default: none. */
  readFault?: ReadFault;
  slowMs?: number;
  retryAfterSeconds?: number;
  hugeReplyBytes?: number;
}

export interface FaultServer {
  /** The endpoint URL to configure in an HTTP JSON target. */
  endpoint: string;
  origin: string;
  token: string;
  articles: Map<string, StoredArticle>;
  /** How many POSTs created a new article (an idempotent replay does not count). */
  created(): number;
  /** POSTs that reused a known Idempotency-Key with a different body (answered 422). */
  keyReuses: Array<{ idempotencyKey: string; headline: string }>;
  /** Every fault injected, in order. */
  injected: Array<{ fault: Fault; request: FaultRequest }>;
  setFault(faultFor: (request: FaultRequest) => Fault): void;
  setReadFault(fault: ReadFault): void;
  /** How many `GET <endpoint>/<id>` requests arrived (any answer). */
  reads(): number;
  /**
   * Changes a stored article as a person editing it on the site would: the
   * next `GET <endpoint>/<id>` answers the changed copy. Throws for an unknown id.
   */
  editOnSite(id: string, edit: SiteEdit): void;
  /** Resolves when an article has been stored `count` times in total. */
  waitForCreated(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const token = options.token ?? 'test-token';
  let faultFor = options.faultFor ?? (() => 'none' as Fault);
  let readFault: ReadFault = options.readFault ?? 'none';
  let readCount = 0;
  const slowMs = options.slowMs ?? 200;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const hugeReplyBytes = options.hugeReplyBytes ?? 6 * 1024 * 1024;
  const articles = new Map<string, StoredArticle>();
  const byKey = new Map<string, string>();
  const bodyOfKey = new Map<string, string>();
  const keyReuses: FaultServer['keyReuses'] = [];
  const attempts = new Map<string, number>();
  const injected: FaultServer['injected'] = [];
  const sockets = new Set<Socket>();
  const createdWaiters: Array<{ count: number; resolve: () => void }> = [];
  let createdCount = 0;
  let nextId = 1;

  const reply = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, { message: 'Test server error' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const base = '/articles';
    if (!url.pathname.startsWith(base)) return reply(res, 404, { message: 'No such endpoint' });
    if (req.headers.authorization !== `Bearer ${token}`) {
      await readBody(req);
      return reply(res, 401, { message: 'Invalid token' });
    }
    if (method === 'GET' && url.pathname === base)
      return reply(res, 200, { ok: true, contract: 'copydesk.article' });
    if (method === 'GET' && url.pathname.startsWith(`${base}/`)) {
      readCount += 1;
      if (readFault === 'error-500') return reply(res, 500, { message: 'The database is unavailable' });
      if (readFault === 'hang') return;
      if (readFault === 'malformed-json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end('<html><body>Maintenance</body></html>');
      }
      if (readFault === 'huge-reply') return sendHuge(res);
      const found = articles.get(decodeURIComponent(url.pathname.slice(base.length + 1)));
      if (!found) return reply(res, 404, { message: 'No such article' });
      const marker = { id: found.id, url: `http://127.0.0.1/news/${found.id}`, draftId: found.draftId };
      if (readFault === 'no-text') return reply(res, 200, marker);
      // The article as the site holds it now (the contract's "Read before update"); images stay out.
      return reply(res, 200, { ...marker, article: found.payload.article, html: found.payload.html });
    }
    const body = await readBody(req);
    const key = headerValue(req.headers['idempotency-key']);
    const attemptKey = `${method} ${url.pathname} ${key ?? ''}`;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    const request: FaultRequest = { method, path: url.pathname, idempotencyKey: key, attempt };
    const fault = faultFor(request);
    if (fault !== 'none') injected.push({ fault, request });

    if (fault === 'drop-before-commit') return void req.socket.destroy();
    if (fault === 'error-500') return reply(res, 500, { message: 'The database is unavailable' });
    if (fault === 'rate-limit-429')
      return reply(res, 429, { message: 'Slow down' }, { 'Retry-After': String(retryAfterSeconds) });

    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return reply(res, 400, { message: 'Body is not JSON' });
    }
    const article = (payload.article ?? {}) as Record<string, unknown>;
    const images = Array.isArray(payload.images) ? payload.images : [];
    let stored: StoredArticle;
    if (method === 'POST' && url.pathname === base) {
      if (!key) return reply(res, 400, { message: 'Idempotency-Key header is required' });
      const existing = byKey.get(key);
      const digest = createHash('sha256').update(body).digest('hex');
      if (existing && bodyOfKey.get(key) !== digest) {
        keyReuses.push({ idempotencyKey: key, headline: String(article.headline) });
        return reply(res, 422, {
          message: 'This Idempotency-Key was already used for a different article body.',
        });
      }
      if (existing) {
        stored = articles.get(existing)!;
      } else {
        const id = `post-${nextId++}`;
        stored = {
          id,
          idempotencyKey: key,
          draftId: String(article.draftId),
          revision: Number(article.revision),
          headline: String(article.headline),
          imageCount: images.length,
          updates: 0,
          payload,
        };
        articles.set(id, stored);
        byKey.set(key, id);
        bodyOfKey.set(key, digest);
        createdCount += 1;
        for (const waiter of [...createdWaiters]) {
          if (createdCount >= waiter.count) {
            createdWaiters.splice(createdWaiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      }
    } else if (method === 'PUT' && url.pathname.startsWith(`${base}/`)) {
      const id = decodeURIComponent(url.pathname.slice(base.length + 1));
      const existing = articles.get(id);
      if (!existing) return reply(res, 404, { message: `No article ${id}` });
      existing.revision = Number(article.revision);
      existing.headline = String(article.headline);
      existing.imageCount = images.length;
      existing.updates += 1;
      existing.payload = payload;
      stored = existing;
    } else {
      return reply(res, 405, { message: 'Method not allowed' });
    }
    const answer = { id: stored.id, url: `http://127.0.0.1/news/${stored.id}` };
    switch (fault) {
      case 'drop-after-commit':
        return void req.socket.destroy();
      case 'hang-after-commit':
        return;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, slowMs));
        return reply(res, 200, answer);
      case 'malformed-json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end('{"id": "post-oops", url: <html>');
      case 'missing-id':
        return reply(res, 200, { url: answer.url });
      case 'huge-reply':
        return sendHuge(res);
      default:
        return reply(res, method === 'POST' ? 201 : 200, answer);
    }
  }

  function sendHuge(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    res.write('{"id": "post-huge", "padding": "');
    const pump = (): void => {
      while (sent < hugeReplyBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('"}');
    };
    res.on('error', () => undefined);
    pump();
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    endpoint: `${origin}/articles`,
    origin,
    token,
    articles,
    created: () => createdCount,
    keyReuses,
    injected,
    setFault(next) {
      faultFor = next;
    },
    setReadFault(next) {
      readFault = next;
    },
    reads: () => readCount,
    editOnSite(id, edit) {
      const found = articles.get(id);
      if (!found) throw new Error(`The test server has no article ${id}.`);
      const article = { ...((found.payload.article ?? {}) as Record<string, unknown>) };
      if (edit.headline !== undefined) {
        article.headline = edit.headline;
        found.headline = edit.headline;
      }
      if (edit.standfirst !== undefined) article.standfirst = edit.standfirst;
      found.payload = { ...found.payload, article, ...(edit.html !== undefined ? { html: edit.html } : {}) };
    },
    waitForCreated(count) {
      if (createdCount >= count) return Promise.resolve();
      return new Promise((resolve) => createdWaiters.push({ count, resolve }));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

export { seededRandom } from './seededRandom';
