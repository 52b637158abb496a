import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTargetUrl,
  classifyHttpFailure,
  parseRetryAfter,
  PublishError,
  readJsonReply,
  requestWithPolicy,
} from '../../src-main/services/publish/errors';

let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
    if (req.url?.startsWith('/huge')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(Buffer.alloc(6 * 1024 * 1024, 0x20));
      return;
    }
    if (req.url?.startsWith('/html')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Login</body></html>');
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': '7' });
    res.end(JSON.stringify({ message: 'Slug <b>already</b> taken', code: 'x' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const classifyStatus = async (status: number, context = {}) =>
  classifyHttpFailure(await fetch(`${origin}/?status=${status}`), context);

describe('classifyHttpFailure', () => {
  it('retries 5xx, 408 and 429 and honours Retry-After seconds', async () => {
    for (const status of [500, 503, 408]) expect((await classifyStatus(status)).kind).toBe('retryable');
    const limited = await classifyStatus(429);
    expect(limited.kind).toBe('retryable');
    expect(limited.details.retryAfterMs).toBe(7_000);
  });

  it('explains 401/403, 404 and 413 in words an editor can act on', async () => {
    expect((await classifyStatus(401)).message).toMatch(
      /Check the username and application password \/ token/,
    );
    expect((await classifyStatus(403, { credentials: 'the token' })).message).toMatch(/Check the token/);
    expect((await classifyStatus(404)).message).toMatch(/Check the site\/endpoint URL/);
    const tooLarge = await classifyStatus(413, { imageName: 'harbour.jpg' });
    expect(tooLarge).toMatchObject({ kind: 'permanent' });
    expect(tooLarge.message).toMatch(/"harbour.jpg" is too large for the server/);
  });

  it("stops on other 4xx and quotes the server's message without markup", async () => {
    const refused = await classifyStatus(422);
    expect(refused.kind).toBe('permanent');
    expect(refused.message).toMatch(/The server said: "Slug already taken"/);
  });

  it('treats a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    const failure = await classifyHttpFailure(error);
    expect(failure.kind).toBe('retryable');
    expect(failure.message).toMatch(/refused the connection/);
  });

  it('names TLS certificate failures', async () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('cert'), { code: 'CERT_HAS_EXPIRED' }),
    });
    expect((await classifyHttpFailure(error)).message).toMatch(/certificate is not valid/);
  });
});

describe('readJsonReply', () => {
  it('stops reading a reply over 5 MB with a clear, retryable error', async () => {
    const failure = await readJsonReply(await fetch(`${origin}/huge`)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PublishError);
    expect((failure as PublishError).message).toMatch(/larger than 5 MB/);
  });

  it('says when a reply is not JSON and how it began', async () => {
    const failure = await readJsonReply(await fetch(`${origin}/html`)).catch((e: unknown) => e);
    expect((failure as PublishError).message).toMatch(/was not JSON \(it began with "<html><body>Login/);
  });
});

describe('requestWithPolicy', () => {
  it('refuses a redirect from https to plain http', async () => {
    const redirecting: typeof fetch = async () =>
      new Response(null, { status: 301, headers: { location: 'http://news.example.com/api' } });
    const failure = await requestWithPolicy(redirecting, 'https://news.example.com/api', {
      method: 'GET',
    }).catch((e: unknown) => e);
    expect((failure as PublishError).message).toMatch(/redirected to an unencrypted http:\/\/ address/);
  });
});

describe('checkTargetUrl and parseRetryAfter', () => {
  it('accepts https and loopback http only', () => {
    expect(checkTargetUrl('https://news.example.com/api').host).toBe('news.example.com');
    expect(checkTargetUrl('http://127.0.0.1:8080/api').port).toBe('8080');
    expect(() => checkTargetUrl('http://news.example.com')).toThrow(/plain http/);
    expect(() => checkTargetUrl('javascript:alert(1)')).toThrow(/must start with https/);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
