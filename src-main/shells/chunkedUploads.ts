// Large byte arrays (images) and long strings (a long article's body) from
// the page to the browser shell's launcher. Playwright serializes a binding's
// arguments on the page's main thread: a 10 MB Uint8Array in one call blocks
// the UI for about 200 ms, and the ~0.9 MB body of a 100k-word draft about
// 15–40 ms, which every autosave during typing used to cost one keystroke.
// (While typing, an autosave now sends only the changed blocks; a whole body
// still goes through here: the first save of an opened draft, a long paste.)
// The init script (uploadClientScript) therefore sends large arrays and long
// strings in chunks first (each chunk its own task, a keystroke is handled in
// between) and passes a placeholder { __copydeskUpload: id } in the real
// request; resolveUploads swaps the assembled value back in before dispatch.
// The renderer and the services never see any of this; Electron's structured
// clone needs none of it.

/** Pseudo-channel of one chunk; never reaches dispatch. */
export const UPLOAD_CHUNK_CHANNEL = '__copydesk:upload-chunk';
export const UPLOAD_PLACEHOLDER_KEY = '__copydeskUpload';
/** Arrays above this size travel in chunks. */
export const UPLOAD_THRESHOLD_BYTES = 512 * 1024;
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** Strings longer than this travel in chunks (about 1–2 ms of the page's main thread each). */
export const UPLOAD_TEXT_THRESHOLD_CHARS = 64 * 1024;
export const UPLOAD_TEXT_CHUNK_CHARS = 64 * 1024;
/** Nothing the app accepts is larger (images stop at 40 MB, a body's JSON at 40 M characters). */
const MAX_UPLOAD_BYTES = 48 * 1024 * 1024;
const MAX_UPLOAD_CHARS = 48 * 1024 * 1024;
const MAX_PENDING_UPLOADS = 8;
const UPLOAD_TTL_MS = 2 * 60 * 1000;

type PendingUpload =
  | { kind: 'bytes'; bytes: Uint8Array; total: number; received: number; startedAt: number }
  | { kind: 'text'; parts: Map<number, string>; total: number; received: number; startedAt: number };

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
      const { id, offset, total, bytes, text } = input;
      const kind = bytes instanceof Uint8Array ? 'bytes' : typeof text === 'string' ? 'text' : null;
      if (typeof id !== 'string' || id.length > 64 || kind === null) {
        throw new Error('A file upload chunk was malformed.');
      }
      const limit = kind === 'bytes' ? MAX_UPLOAD_BYTES : MAX_UPLOAD_CHARS;
      if (!Number.isInteger(total) || (total as number) <= 0 || (total as number) > limit) {
        throw new Error(
          kind === 'bytes' ? 'The file is too large to send.' : 'The text is too long to send.',
        );
      }
      let upload = pending.get(id);
      if (!upload) {
        if (pending.size >= MAX_PENDING_UPLOADS) throw new Error('Too many files are being sent at once.');
        upload =
          kind === 'bytes'
            ? {
                kind,
                bytes: new Uint8Array(total as number),
                total: total as number,
                received: 0,
                startedAt: now(),
              }
            : { kind, parts: new Map(), total: total as number, received: 0, startedAt: now() };
        pending.set(id, upload);
      }
      const size = kind === 'bytes' ? (bytes as Uint8Array).byteLength : (text as string).length;
      if (
        upload.kind !== kind ||
        upload.total !== total ||
        !Number.isInteger(offset) ||
        (offset as number) < 0 ||
        (offset as number) + size > upload.total ||
        (upload.kind === 'text' && upload.parts.has(offset as number))
      ) {
        pending.delete(id);
        throw new Error('A file upload chunk did not fit the file.');
      }
      if (upload.kind === 'bytes') upload.bytes.set(bytes as Uint8Array, offset as number);
      else upload.parts.set(offset as number, text as string);
      upload.received += size;
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
        if (!upload || upload.received !== upload.total) {
          throw new Error('The file did not arrive completely. Try again.');
        }
        resolved ??= { ...input };
        resolved[key] = upload.kind === 'bytes' ? upload.bytes : joinText(upload.parts, upload.total);
      }
      return resolved ?? input;
    },
  };
}

/** The text of chunks keyed by offset; throws unless they tile the whole string. */
function joinText(parts: Map<number, string>, total: number): string {
  const offsets = [...parts.keys()].sort((a, b) => a - b);
  let text = '';
  for (const offset of offsets) {
    if (offset !== text.length) throw new Error('The file did not arrive completely. Try again.');
    text += parts.get(offset);
  }
  if (text.length !== total) throw new Error('The file did not arrive completely. Try again.');
  return text;
}

/**
 * Page-side half, inlined into the bridge init script: `send(channel, input)`
 * wraps the raw binding so top-level Uint8Array fields and strings above their
 * thresholds go in chunks first. Each chunk is its own task, so the UI stays
 * responsive.
 */
export function uploadClientScript(rawInvoke: string): string {
  return `(() => {
  const raw = ${rawInvoke};
  let sequence = 0;
  return async (channel, input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return raw(channel, input);
    let prepared = input;
    for (const [key, value] of Object.entries(input)) {
      const isBytes = value instanceof Uint8Array && value.byteLength > ${UPLOAD_THRESHOLD_BYTES};
      const isText = typeof value === 'string' && value.length > ${UPLOAD_TEXT_THRESHOLD_CHARS};
      if (!isBytes && !isText) continue;
      const id = 'u' + (++sequence) + '-' + Math.random().toString(36).slice(2, 10);
      const total = isBytes ? value.byteLength : value.length;
      const step = isBytes ? ${UPLOAD_CHUNK_BYTES} : ${UPLOAD_TEXT_CHUNK_CHARS};
      for (let offset = 0; offset < total; offset += step) {
        const chunk = { id, offset, total };
        if (isBytes) chunk.bytes = value.slice(offset, offset + step);
        else chunk.text = value.slice(offset, offset + step);
        await raw(${JSON.stringify(UPLOAD_CHUNK_CHANNEL)}, chunk);
      }
      prepared = { ...prepared, [key]: { ${UPLOAD_PLACEHOLDER_KEY}: id } };
    }
    return raw(channel, prepared);
  };
})()`;
}
