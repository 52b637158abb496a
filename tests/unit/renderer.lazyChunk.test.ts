// lazyChunk (src-renderer/lazyChunk.tsx): what a click awaits before it shows
// a component from a lazy chunk.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_WAIT_MS, lazyChunk } from '../../src-renderer/lazyChunk';

afterEach(() => vi.useRealTimers());

const Dialog = (): null => null;

describe('lazyChunk', () => {
  it('ready() resolves once the chunk has loaded, and loads it only once', async () => {
    const importer = vi.fn(() => Promise.resolve(Dialog));
    const chunk = lazyChunk(importer);
    await chunk.ready();
    await chunk.ready();
    expect(importer).toHaveBeenCalledTimes(1);
    await expect(chunk.load()).resolves.toBe(Dialog);
  });

  it('ready() never rejects when the chunk fails, and the next load tries again', async () => {
    const importer = vi
      .fn<() => Promise<typeof Dialog>>()
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(Dialog);
    const chunk = lazyChunk(importer);
    await expect(chunk.ready()).resolves.toBeUndefined();
    await expect(chunk.load()).resolves.toBe(Dialog);
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it(`ready() gives up waiting after ${CHUNK_WAIT_MS} ms for a chunk that does not come`, async () => {
    vi.useFakeTimers();
    const chunk = lazyChunk(() => new Promise<typeof Dialog>(() => undefined));
    let settled = false;
    void chunk.ready().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(CHUNK_WAIT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });
});
