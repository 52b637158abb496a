// Serves the app's own origin in both shells: the built renderer from
// out/renderer and stored images from /media/<sha256>. Electron's `app://`
// protocol handler and the browser shell's context.route both call
// serveAppRequest, so both shells send the same bytes and the same headers.
import { readdir, readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** Stored media is data, never a document: nothing in it may run or be framed. */
const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppAssetRoots {
  /** Absolute path of the built renderer (out/renderer). */
  rendererDir: string;
  /**
   * A stored image by its sha256 (the media service's readImage): null when the
   * hash is malformed, nothing is stored, or the bytes are not an accepted image.
   */
  readMedia(hash: string): Promise<{ bytes: Buffer; mime: string } | null>;
  /**
   * The renderer's files read ahead (readRendererFiles), by path relative to
   * rendererDir with '/' separators. A path found here is served from memory;
   * any other is looked up on disk as before.
   */
  files?: ReadonlyMap<string, Buffer>;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/*
 * No inline script, no eval, no remote anything. Images may also come from
 * blob:/data: (previews of a pasted or picked file before it is stored).
 * The one inline style allowed is the publish renderer's page stylesheet, by
 * hash: the Preview dialog's srcdoc frame inherits this policy
 * (tests/unit/preview.csp.test.ts keeps the hash current). Workers only from
 * the app's own files (the image preview's decoder, previewWorker.ts).
 * Assigned as one literal so security scanners (electronegativity) can evaluate it.
 */
export const CONTENT_SECURITY_POLICY = (BASE_HEADERS['Content-Security-Policy'] =
  "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-7KngK+zuMjGY9yPJ3LhKnOJHYt/JOlIzYrSaybBn8EI='; img-src 'self' blob: data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'; object-src 'none'; worker-src 'self'");

function textResponse(status: number, message: string): AppResponse {
  return {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(message),
  };
}

/**
 * Answers one request to the app origin. `pathname` is the URL's path as
 * the browser sent it (still percent-encoded). Only GET and HEAD are served;
 * no path can reach outside rendererDir or the media folder.
 */
export async function serveAppRequest(
  method: string,
  pathname: string,
  roots: AppAssetRoots,
): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD')
    return textResponse(405, 'Copydesk serves its own files read-only.');
  const mediaMatch = /^\/media\/([^/]+)$/.exec(pathname);
  if (mediaMatch) {
    const media = await roots.readMedia(mediaMatch[1] ?? '');
    if (!media) return textResponse(404, 'This image is not stored in the data folder.');
    return {
      status: 200,
      headers: {
        ...BASE_HEADERS,
        'Content-Security-Policy': MEDIA_CONTENT_SECURITY_POLICY,
        'Content-Type': media.mime,
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
      body: method === 'HEAD' ? Buffer.alloc(0) : media.bytes,
    };
  }
  const relative = rendererPath(pathname);
  if (relative === null) return textResponse(404, 'Not found.');
  let file = relative;
  let body = roots.files?.get(relative);
  if (body === undefined) {
    const real = await realRendererFile(roots.rendererDir, relative);
    if (!real) return textResponse(404, 'Not found.');
    file = real;
    try {
      body = await readFile(real);
    } catch {
      return textResponse(404, 'Not found.');
    }
  }
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return {
    status: 200,
    headers: { ...BASE_HEADERS, 'Content-Type': contentType },
    body: method === 'HEAD' ? Buffer.alloc(0) : body,
  };
}

/**
 * A URL path as a path relative to rendererDir ('/' separators), or null.
 * Rejects what cannot be decoded, encoded separators, NUL bytes and dot segments.
 */
function rendererPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  return decoded === '/' ? 'index.html' : segments.join('/');
}

/**
 * The real path of `relative` (from rendererPath) inside rendererDir, or null
 * when it does not exist or a symlink leads outside.
 */
async function realRendererFile(rendererDir: string, relative: string): Promise<string | null> {
  const root = resolve(rendererDir);
  const candidate = resolve(root, relative);
  if (!candidate.startsWith(root + sep)) return null;
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!realCandidate.startsWith(realRoot + sep)) return null;
    return realCandidate;
  } catch {
    return null;
  }
}

/**
 * Reads the built renderer's regular files into memory (the browser shell
 * does this while Chromium starts, so the page's first requests are answered
 * without a disk read; out/renderer is under 1 MB). Symlinks and anything
 * that is not a regular file are skipped, so they still go through
 * realRendererFile's checks; a folder that cannot be read gives an empty map.
 */
export async function readRendererFiles(rendererDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const root = resolve(rendererDir);
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.map(async (entry) => {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) return walk(path);
        if (!entry.isFile()) return;
        const bytes = await readFile(join(root, path)).catch(() => null);
        if (bytes) files.set(path, bytes);
      }),
    );
  };
  await walk('');
  return files;
}
