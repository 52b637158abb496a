// A failed publish, in words an editor can act on: the error type every
// adapter throws ('retryable' ones are retried by the outbox, 'permanent' ones
// wait for "Retry now"), and the checks of the ids and links a site returns.
// How HTTP failures become PublishErrors is the HTTP policy (httpPolicy.ts).

export type PublishErrorKind = 'retryable' | 'permanent';

export interface PublishErrorDetails {
  status?: number;
  /** From Retry-After; the outbox waits at least this long. */
  retryAfterMs?: number;
}

export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly kind: PublishErrorKind,
    /** Written for a person; shown as is. */
    message: string,
    readonly details: PublishErrorDetails = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

export function isPublishError(error: unknown): error is PublishError {
  return error instanceof PublishError;
}

export interface FailureContext {
  /** What was being done, for the message: "uploading image 2 (photo.jpg)", "sending the article". */
  action?: string;
  /** For 413: the file that was too large. */
  imageName?: string;
  /** For 401/403: what credentials the target uses. */
  credentials?: string;
}

/** A remote id as a string, from a JSON reply's `id` (string or number); throws when missing. */
export function requireRemoteId(reply: unknown, context: FailureContext = {}, field = 'id'): string {
  const value =
    typeof reply === 'object' && reply !== null ? (reply as Record<string, unknown>)[field] : undefined;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 200) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new PublishError(
    'retryable',
    `The server's reply${forAction(context)} has no "${field}", so Copydesk cannot tell what was created. Check that the endpoint implements the Copydesk contract; Copydesk will try again.`,
  );
}

/** An absolute http(s) URL from a reply field; throws when missing or unusable. */
export function requireRemoteUrl(reply: unknown, context: FailureContext = {}, field = 'url'): string {
  const value =
    typeof reply === 'object' && reply !== null ? (reply as Record<string, unknown>)[field] : undefined;
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through to the error below
    }
  }
  throw new PublishError(
    'retryable',
    `The server's reply${forAction(context)} has no valid "${field}" (an http(s) address), so Copydesk cannot link to the article. Copydesk will try again.`,
  );
}

/** " while <action>" for a message, or nothing. */
export function forAction(context: FailureContext): string {
  return context.action ? ` while ${context.action}` : '';
}

export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
