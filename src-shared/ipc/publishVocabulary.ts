// The publishing vocabulary, declared once here without zod (the first screen's
// outbox panel reads it before the schemas load); publishChannels.ts builds its
// schemas from it, and the services (publish/types.ts, the outbox) and the
// renderer (the targets dialog, the job status) derive theirs.

/** Where a target publishes: its adapter in the services, its form in the targets dialog. */
export const TARGET_KINDS = ['local-folder', 'http-json', 'wordpress'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  'local-folder': 'Local folder',
  'http-json': 'HTTP JSON',
  wordpress: 'WordPress',
};

/** The life of a publish job in the outbox (publish_jobs.state). */
export const JOB_STATES = ['queued', 'sending', 'retrying', 'failed', 'published', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** The states in which a job will still be sent by itself. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ['queued', 'sending', 'retrying'];
export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  failed: 'Failed',
  published: 'Published',
  cancelled: 'Cancelled',
};
