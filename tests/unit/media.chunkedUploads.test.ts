import { describe, expect, it } from 'vitest';
import {
  createChunkedUploads,
  UPLOAD_CHUNK_CHANNEL,
  UPLOAD_PLACEHOLDER_KEY,
  UPLOAD_TEXT_CHUNK_CHARS,
  uploadClientScript,
} from '../../src-main/shells/chunkedUploads';

type Raw = (channel: string, input: unknown) => Promise<string>;

/** The page-side sender (the init script's code) wired to the launcher-side half, as the shell wires them. */
function pageAndLauncher(): { send: Raw; requests: Array<{ channel: string; input: unknown }> } {
  const uploads = createChunkedUploads();
  const requests: Array<{ channel: string; input: unknown }> = [];
  const raw: Raw = async (channel, input) => {
    // Playwright hands the launcher a copy: nothing the page holds is shared.
    const copy = structuredClone(input);
    if (uploads.acceptChunk(channel, copy)) {
      requests.push({ channel, input: copy });
      return JSON.stringify({ ok: true, value: {} });
    }
    const resolved = uploads.resolveUploads(copy);
    requests.push({ channel, input: resolved });
    return JSON.stringify({ ok: true, value: resolved });
  };
  const send = new Function('binding', `return ${uploadClientScript('binding')};`)(raw) as Raw;
  return { send, requests };
}

describe('chunked uploads (browser shell transport for large byte arrays)', () => {
  it('reassembles chunks sent out of order and swaps them in for the placeholder', () => {
    const uploads = createChunkedUploads();
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    expect(
      uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'a', offset: 6, total: 10, bytes: bytes.slice(6) }),
    ).toBe(true);
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'a', offset: 0, total: 10, bytes: bytes.slice(0, 6) });
    const resolved = uploads.resolveUploads({ name: 'x.jpg', bytes: { [UPLOAD_PLACEHOLDER_KEY]: 'a' } }) as {
      name: string;
      bytes: Uint8Array;
    };
    expect(resolved.name).toBe('x.jpg');
    expect(Array.from(resolved.bytes)).toEqual(Array.from(bytes));
  });

  it('passes other channels and inputs through untouched', () => {
    const uploads = createChunkedUploads();
    expect(uploads.acceptChunk('images:import', {})).toBe(false);
    const input = { bytes: new Uint8Array([1]), name: 'a' };
    expect(uploads.resolveUploads(input)).toBe(input);
  });

  it('refuses an incomplete upload, an unknown id and a chunk outside the file', () => {
    const uploads = createChunkedUploads();
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'b', offset: 0, total: 4, bytes: new Uint8Array(2) });
    expect(() => uploads.resolveUploads({ bytes: { [UPLOAD_PLACEHOLDER_KEY]: 'b' } })).toThrow(
      /did not arrive completely/,
    );
    expect(() => uploads.resolveUploads({ bytes: { [UPLOAD_PLACEHOLDER_KEY]: 'nope' } })).toThrow();
    expect(() =>
      uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'c', offset: 3, total: 4, bytes: new Uint8Array(2) }),
    ).toThrow(/did not fit/);
    expect(() =>
      uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'd', offset: 0, total: 1e9, bytes: new Uint8Array(2) }),
    ).toThrow(/too large/);
  });

  it('sends a long string (a 100k-word body) in chunks and the request arrives with the whole string', async () => {
    const { send, requests } = pageAndLauncher();
    const body = JSON.stringify({ text: 'a "quoted" word, '.repeat(50_000) });
    const reply = JSON.parse(await send('drafts:save', { id: 'd1', body, baseRevision: 3 })) as {
      value: { id: string; body: string; baseRevision: number };
    };
    expect(reply.value).toEqual({ id: 'd1', body, baseRevision: 3 });
    const chunks = requests.filter((r) => r.channel === UPLOAD_CHUNK_CHANNEL);
    expect(chunks.length).toBe(Math.ceil(body.length / UPLOAD_TEXT_CHUNK_CHARS));
    for (const chunk of chunks) {
      expect((chunk.input as { text: string }).text.length).toBeLessThanOrEqual(UPLOAD_TEXT_CHUNK_CHARS);
    }
    expect(requests.at(-1)?.channel).toBe('drafts:save');
  });

  it('sends a short string in the request itself', async () => {
    const { send, requests } = pageAndLauncher();
    await send('drafts:save', { id: 'd1', body: '{"short":true}' });
    expect(requests.map((r) => r.channel)).toEqual(['drafts:save']);
  });

  it('refuses text chunks that overlap, change their length or leave a gap', () => {
    const uploads = createChunkedUploads();
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 't', offset: 0, total: 6, text: 'abc' });
    expect(() =>
      uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 't', offset: 0, total: 6, text: 'abc' }),
    ).toThrow(/did not fit/);
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'u', offset: 0, total: 6, text: 'abc' });
    expect(() =>
      uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'u', offset: 3, total: 7, text: 'def' }),
    ).toThrow(/did not fit/);
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'v', offset: 0, total: 6, text: 'ab' });
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'v', offset: 3, total: 6, text: 'def' });
    expect(() => uploads.resolveUploads({ body: { [UPLOAD_PLACEHOLDER_KEY]: 'v' } })).toThrow(
      /did not arrive completely/,
    );
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'w', offset: 3, total: 6, text: 'def' });
    uploads.acceptChunk(UPLOAD_CHUNK_CHANNEL, { id: 'w', offset: 0, total: 6, text: 'abc' });
    expect(uploads.resolveUploads({ body: { [UPLOAD_PLACEHOLDER_KEY]: 'w' } })).toEqual({ body: 'abcdef' });
  });
});
