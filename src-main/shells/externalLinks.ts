// Links that leave the app (a link in an article, a published article's URL)
// open in the system browser, and only after this check.

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Returns the normalized URL when it may be handed to the operating system:
 * http, https or mailto, no embedded user name or password, at most 2048
 * characters. Returns null for everything else (file:, javascript:, custom
 * schemes that could start other programs).
 */
export function safeExternalUrl(raw: string): string | null {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}
