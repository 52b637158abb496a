// The contract between the outbox and every publish adapter (local folder,
// HTTP JSON, WordPress). Plain Node: adapters never import electron and get
// everything they touch (fetch, clock, secrets, progress) through arguments.
//
// Decisions every adapter relies on:
// - A job's snapshot is frozen when the job is created (same transaction as
//   the job row). Adapters never read the live draft.
// - Image URLs in the published HTML are decided by the adapter: it uploads
//   (or writes) the images first, then calls `snapshot.renderHtml(imageSrc)`
//   with a mapping image hash -> the URL the image got on the target.
//   `snapshot.html` is the same article rendered with each image's relative
//   `filename` as its src: for targets that store the images next to the
//   article or substitute URLs themselves (the HTTP JSON contract).
//   (The shared renderer only accepts http(s) or relative image sources.)
// - Progress (remote ids of media and post) is written to the job row through
//   `ctx.recordProgress` after EVERY remote step and before the next one. A
//   resumed job gets that progress back in `ctx.progress` and must continue
//   from it: never upload a medium whose hash is already in `progress.media`,
//   never create a post when `progress.post` is set (update it instead).
// - Before a request that CREATES something remote, record
//   `progress.sent[stepKey] = ctx.now()` (stepKey 'post' or 'media:<hash>').
//   If a resumed job finds `sent.post` set but no `post`, the create's reply
//   was lost: look the post up (WordPress: by slug/marker; HTTP JSON: resend
//   with the same Idempotency-Key, the server answers with the same id)
//   instead of blindly creating a second one.
// - One idempotency key names ONE snapshot. The outbox never gives a job that
//   may have reached the site a new snapshot: a later publish becomes its own
//   job (new key) that runs after it and updates what it created.
// - `ctx.previous` is only where this draft went on the target's CURRENT
//   address (the outbox drops publications and progress recorded under another
//   target fingerprint). Before updating it, an adapter confirms the remote
//   item is this draft's (HTTP JSON: GET <endpoint>/<id> names our draftId;
//   WordPress: the draft or job marker in the content); when it is not, it
//   creates a new item and says so in a warning.
// - Failures are thrown as PublishError (errors.ts): 'retryable' ones are
//   retried by the outbox with backoff, 'permanent' ones stop the job until a
//   person clicks "Retry now". Messages are written for an editor.
import type { z } from 'zod';
import type { ArticleMeta } from '../../../src-shared/article';
import type { ImageRef } from '../../../src-shared/image';
import type { JobStep } from '../../../src-shared/ipc/publishChannels';
import type { TargetKind } from '../../../src-shared/ipc/publishVocabulary';

// Target kinds are declared once, in the publishing vocabulary (src-shared/ipc/publishVocabulary.ts).
export { TARGET_KIND_LABELS, TARGET_KINDS, type TargetKind } from '../../../src-shared/ipc/publishVocabulary';

/** One image of the snapshot, with its bytes available on demand (from the media store). */
export type PublishImage = ImageRef & {
  readBytes(): Promise<Buffer>;
  /** A safe file name for upload or disk, unique within the article: `<slug or "image">-<n>-<hash8>.<ext>`. */
  filename: string;
};

/** The frozen article a job sends. */
export interface PublishSnapshot {
  jobId: string;
  draftId: string;
  /** Draft revision the snapshot was taken from. */
  revision: number;
  meta: ArticleMeta;
  /** The body envelope (src-shared/body.ts) as JSON. */
  bodyJson: string;
  /** The article fragment rendered with each image's relative `filename` as its src. */
  html: string;
  /** Renders the article fragment with the given src for each image (hash -> URL). */
  renderHtml(imageSrc: (image: ImageRef) => string): string;
  /** Renders a whole self-contained HTML page (local folder output). */
  renderPage(imageSrc: (image: ImageRef) => string): string;
  /** Body figures in document order, each hash once. */
  images: PublishImage[];
  leadImage: PublishImage | null;
  /** Epoch ms for a scheduled publication; null publishes now. */
  scheduledAt: number | null;
}

export interface RemoteItem {
  remoteId: string;
  url: string;
}

/** Persisted in the job row (progress_json) after every remote step. */
export interface JobProgress {
  /** Image hash -> the uploaded/written media item. */
  media: Record<string, RemoteItem>;
  /** Set once the post exists remotely (created or updated by this job). */
  post?: RemoteItem;
  /** Step key ('post', 'media:<hash>') -> epoch ms the create request went out. */
  sent?: Record<string, number>;
  /** Adapter-specific remote ids worth keeping (e.g. WordPress tag ids by name). */
  extra?: Record<string, string>;
  /** targetFingerprint() of the target when this progress was recorded (set by the outbox). */
  fingerprint?: string;
}

/** Where this draft was published on this target before, and the keys of the jobs that sent it there. */
export interface PreviousPublication extends RemoteItem {
  draftId: string;
  jobKeys: string[];
}

/** Shown to the editor: "Uploading image 2 of 5", "Sending the article" (the job schema's step). */
export type StepReport = JobStep;

/** What testConnection may use. */
export interface ConnectionContext {
  fetch: typeof fetch;
  signal: AbortSignal;
  now(): number;
}

export interface AdapterContext extends ConnectionContext {
  /** Stable for the job (one snapshot) across every retry and restart. Send it as the Idempotency-Key header. */
  idempotencyKey: string;
  /**
   * An earlier publish of this draft to this target at its current address:
   * update that remote item (after confirming it is ours) instead of creating one.
   */
  previous: PreviousPublication | null;
  /** Progress recorded by earlier attempts of this job (empty media map on the first attempt). */
  progress: JobProgress;
  /** Synchronous durable write of the job's progress. Call after every remote step, before the next one. */
  recordProgress(progress: JobProgress): void;
  reportStep(step: StepReport): void;
}

export interface PublishResult extends RemoteItem {
  /** Things the editor should know although the publish succeeded (e.g. WordPress dropped the credit meta key). */
  warnings?: string[];
}

export interface PublishAdapter<Config = unknown> {
  kind: TargetKind;
  /** Validates a target's config_json (never holds the secret). */
  configSchema: z.ZodType<Config>;
  /** True when the target needs a secret (token, application password). */
  needsSecret: boolean;
  /** Checks the target is reachable and the credentials work; resolves with a message for a person. */
  testConnection(config: Config, secret: string | null, ctx: ConnectionContext): Promise<string>;
  /** Creates (or, with ctx.previous / ctx.progress.post, updates) the remote item. Throws PublishError. */
  publish(
    snapshot: PublishSnapshot,
    config: Config,
    secret: string | null,
    ctx: AdapterContext,
  ): Promise<PublishResult>;
}

/**
 * Where target secrets live. Never SQLite in plain text, never the renderer,
 * never a log line. Electron: safeStorage-encrypted blobs in a file in the data
 * folder; browser shell: a clearly labelled local file (0600).
 */
export interface SecretStore {
  kind: 'os-keychain' | 'browser-shell-file';
  /** Shown before storing, e.g. Linux's basic_text backend (no real keychain). */
  warning: string | null;
  get(targetId: string): string | null;
  set(targetId: string, secret: string): void;
  delete(targetId: string): void;
}
