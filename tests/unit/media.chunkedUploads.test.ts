import { describe, expect, it } from 'vitest';
import {
  createChunkedUploads,
  UPLOAD_CHUNK_CHANNEL,
  UPLOAD_PLACEHOLDER_KEY,
} from '../../src-main/shells/chunkedUploads';

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
});
