// Where a target points, as one short hash: its kind and its address (HTTP
// JSON endpoint, WordPress site URL, local folder). Kept with every
// publication and with a job's progress. When a target's address is edited,
// remote ids recorded under the old fingerprint belong to the old place: the
// next publish creates on the new one instead of updating "post 12" there,
// which would be somebody else's article.
import { createHash } from 'node:crypto';
import type { TargetKind } from './types';

function normalisedUrl(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  try {
    const url = new URL(raw.trim());
    url.hash = '';
    // Origins compare case-insensitively and with default ports removed; URL does both.
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return raw.trim();
  }
}

export function targetFingerprint(kind: TargetKind, config: Record<string, unknown>): string {
  const address =
    kind === 'http-json'
      ? normalisedUrl(config.endpoint)
      : kind === 'wordpress'
        ? normalisedUrl(config.siteUrl)
        : typeof config.folder === 'string'
          ? config.folder.trim().replace(/[\\/]+$/, '')
          : '';
  return createHash('sha256').update(`${kind}\n${address}`).digest('hex').slice(0, 32);
}
