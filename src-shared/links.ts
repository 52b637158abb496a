// The one rule for where links may point. An article's links are read by the
// public, and a link the app hands to the operating system could start any
// program registered for a scheme: both allow http, https and mailto only.

export const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * LINK_PROTOCOLS as a pattern for URL attributes (DOMPurify's ALLOWED_URI_REGEXP
 * when pasted HTML is cleaned): the value must start with one of the schemes.
 */
export const LINK_URI_PATTERN = new RegExp(
  `^(?:${[...LINK_PROTOCOLS].map((protocol) => protocol.replace(/[^a-z]/g, '')).join('|')}):`,
  'i',
);

/** True when `url` is an absolute http(s) URL with a host, or a mailto URL with an address. */
export function isAllowedLinkUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  if (!LINK_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.includes('@');
  return parsed.hostname !== '';
}

/**
 * The normalized URL when it may be handed to the operating system: http,
 * https or mailto, no embedded user name or password, at most 2048
 * characters. null for everything else (file:, javascript:, custom schemes
 * that could start other programs).
 */
export function safeExternalUrl(raw: string): string | null {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}
