// Tracking parameters that ride along on copied links (campaign tags, click
// ids). Paste cleanup and every importer strip them; the link itself stays.
// Pure TypeScript.
import { spamEntryFor } from '../spamList';

const TRACKING_PARAM =
  /^(?:utm_[a-z0-9_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|__s)$/i;

export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

/** The URL without tracking parameters, and how many were removed; non-http(s) URLs are returned as they are. */
export function stripTrackingParams(raw: string): { url: string; removed: number } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { url: raw, removed: 0 };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { url: raw, removed: 0 };
  const names = [...new Set([...url.searchParams.keys()])].filter(isTrackingParam);
  if (names.length === 0) return { url: raw, removed: 0 };
  for (const name of names) url.searchParams.delete(name);
  return { url: url.href, removed: names.length };
}

/** The spam-list entry that lists the link's host (src-shared/spamList.ts), else null. The list must be normalised. */
export function spamDomainOf(raw: string, spamDomains: readonly string[]): string | null {
  let host: string;
  try {
    host = new URL(raw.trim()).hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return null;
  }
  return spamEntryFor(host, spamDomains);
}
