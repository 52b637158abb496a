// Test hook read by both shells: COPYDESK_OUTBOX_RETRY_MS=<ms> makes every
// automatic retry of the publish outbox wait exactly that long (no jitter,
// a server's Retry-After still wins), so e2e specs can wait for "Retrying"
// and for a resumed job without minutes of real backoff. Unset = the real
// policy (exponential backoff with full jitter, docs/publishing.md).
import type { ServiceOptions } from '../services/createServices';

export const OUTBOX_RETRY_ENV = 'COPYDESK_OUTBOX_RETRY_MS';
const MAX_FIXED_RETRY_MS = 60 * 60_000;

export function outboxOptionsFromEnv(env: NodeJS.ProcessEnv): ServiceOptions['publishing'] {
  const raw = env[OUTBOX_RETRY_ENV];
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_FIXED_RETRY_MS) {
    throw new Error(
      `${OUTBOX_RETRY_ENV} must be a whole number of milliseconds from 0 to ${MAX_FIXED_RETRY_MS}, not "${raw}".`,
    );
  }
  return { backoff: { baseMs: ms, capMs: ms }, random: () => 1 };
}
