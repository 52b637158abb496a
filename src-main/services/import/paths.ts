// Paths inside an import session. Every picked or dropped file has a path
// relative to the session ("page.html", "page_files/photo.jpg"); documents
// are parsed with a base URL on a reserved host so that relative image paths
// resolve against the document's own folder, and resolve back here.
import type { ArticleType } from '../../../src-shared/article';

/** Reserved (.invalid never resolves): nothing is ever fetched from it. */
export const IMPORT_HOST = 'import.copydesk.invalid';
const ORIGIN = `https://${IMPORT_HOST}`;

export function importBaseUrl(path: string): string {
  return `${ORIGIN}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The session path an image source points at, or null when it is not a local file (http, data:, …). */
export function localPathOf(src: string, documentPath: string): string | null {
  let url: URL;
  try {
    url = new URL(src, importBaseUrl(documentPath));
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  try {
    return decodeURIComponent(url.pathname.slice(1));
  } catch {
    return url.pathname.slice(1);
  }
}

export function normalisePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\/+/, '')
    .replace(/\/{2,}/g, '/');
}

export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** "Opinion" in a section name or a page path makes an opinion piece, and so on. */
export function articleTypeFrom(hint: string): ArticleType | null {
  if (/\b(?:opinion|comment(?:ary)?|op-?ed|columns?|columnists?|viewpoint)\b/i.test(hint)) return 'opinion';
  if (/\banalysis\b/i.test(hint)) return 'analysis';
  if (/\bfeatures?\b/i.test(hint)) return 'feature';
  return null;
}
