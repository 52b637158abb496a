// Large byte arrays (images) from the page to the browser shell's launcher.
// Playwright serializes a binding's arguments on the page's main thread: a
// 10 MB Uint8Array in one call blocks the UI for about 200 ms. The init
// script (uploadClientScript) therefore sends large arrays in chunks first
// and passes a placeholder { __copydeskUpload: id } in the real request;
// resolveUploads swaps the assembled bytes back in before dispatch. The
// renderer and the services never see any of this; Electron's structured
// clone needs none of it.

/** Pseudo-channel of one chunk; never reaches dispatch. */
export const UPLOAD_CHUNK_CHANNEL = '__copydesk:upload-chunk';
export const UPLOAD_PLACEHOLDER_KEY = '__copydeskUpload';
/** Arrays above this size travel in chunks. */
export const UPLOAD_THRESHOLD_BYTES = 512 * 1024;
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** Nothing the app accepts is larger (images stop at 40 MB). */
const MAX_UPLOAD_BYTES = 48 * 1024 * 1024;
const MAX_PENDING_UPLOADS = 8;
const UPLOAD_TTL_MS = 2 * 60 * 1000;

interface PendingUpload {
  bytes: Uint8Array;
  received: number;
  startedAt: number;
}

export interface ChunkedUploads {
  /** Handles a chunk request; returns true when `channel` was the chunk pseudo-channel. */
  acceptChunk(channel: unknown, input: unknown): boolean;
  /** The request input with every complete upload placeholder replaced by its bytes. */
  resolveUploads(input: unknown): unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createChunkedUploads(now: () => number = Date.now): ChunkedUploads {
  const pending = new Map<string, PendingUpload>();
  const expire = (): void => {
    for (const [id, upload] of pending) if (now() - upload.startedAt > UPLOAD_TTL_MS) pending.delete(id);
  };

  return {
    acceptChunk(channel, input) {
      if (channel !== UPLOAD_CHUNK_CHANNEL) return false;
      expire();
      if (!isRecord(input)) throw new Error('A file upload chunk was malformed.');
      const { id, offset, total, bytes } = input;
      if (typeof id !== 'string' || id.length > 64 || !(bytes instanceof Uint8Array)) {
        throw new Error('A file upload chunk was malformed.');
      }
      if (!Number.isInteger(total) || (total as number) <= 0 || (total as number) > MAX_UPLOAD_BYTES) {
        throw new Error('The file is too large to send.');
      }
      let upload = pending.get(id);
      if (!upload) {
        if (pending.size >= MAX_PENDING_UPLOADS) throw new Error('Too many files are being sent at once.');
        upload = { bytes: new Uint8Array(total as number), received: 0, startedAt: now() };
        pending.set(id, upload);
      }
      if (
        !Number.isInteger(offset) ||
        (offset as number) < 0 ||
        (offset as number) + bytes.byteLength > upload.bytes.byteLength
      ) {
        pending.delete(id);
        throw new Error('A file upload chunk did not fit the file.');
      }
      upload.bytes.set(bytes, offset as number);
      upload.received += bytes.byteLength;
      return true;
    },

    resolveUploads(input) {
      if (!isRecord(input)) return input;
      let resolved: Record<string, unknown> | null = null;
      for (const [key, value] of Object.entries(input)) {
        if (!isRecord(value) || typeof value[UPLOAD_PLACEHOLDER_KEY] !== 'string') continue;
        const id = value[UPLOAD_PLACEHOLDER_KEY];
        const upload = pending.get(id);
        pending.delete(id);
        if (!upload || upload.received !== upload.bytes.byteLength) {
          throw new Error('The file did not arrive completely. Try again.');
        }
        resolved ??= { ...input };
        resolved[key] = upload.bytes;
      }
      return resolved ?? input;
    },
  };
}

/**
 * Page-side half, inlined into the bridge init script: `send(channel, input)`
 * wraps the raw binding so top-level Uint8Array fields above the threshold
 * go in chunks first. Each chunk is its own task, so the UI stays responsive.
 */
export function uploadClientScript(rawInvoke: string): string {
  return `(() => {
  const raw = ${rawInvoke};
  let sequence = 0;
  return async (channel, input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return raw(channel, input);
    let prepared = input;
    for (const [key, value] of Object.entries(input)) {
      if (!(value instanceof Uint8Array) || value.byteLength <= ${UPLOAD_THRESHOLD_BYTES}) continue;
      const id = 'u' + (++sequence) + '-' + Math.random().toString(36).slice(2, 10);
      for (let offset = 0; offset < value.byteLength; offset += ${UPLOAD_CHUNK_BYTES}) {
        await raw(${JSON.stringify(UPLOAD_CHUNK_CHANNEL)}, {
          id, offset, total: value.byteLength, bytes: value.slice(offset, offset + ${UPLOAD_CHUNK_BYTES}),
        });
      }
      prepared = { ...prepared, [key]: { ${UPLOAD_PLACEHOLDER_KEY}: id } };
    }
    return raw(channel, prepared);
  };
})()`;
}
