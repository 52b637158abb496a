// Publishing: targets, pre-publish checks, the outbox. Secrets are
// write-only here: targets:save may carry one, nothing ever returns one.
import { z } from 'zod';
import { FindingSchema } from '../checks/prePublishChecks';
import { channel } from './define';

const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a draft id');
const TargetId = z.string().min(8).max(64);
const JobId = z.string().min(8).max(64);

// The publishing vocabulary, declared once here; the services (publish/types.ts,
// the outbox) and the renderer (the targets dialog, the job status) derive theirs.

/** Where a target publishes: its adapter in the services, its form in the targets dialog. */
export const TargetKindSchema = z.enum(['local-folder', 'http-json', 'wordpress']);
export type TargetKind = z.infer<typeof TargetKindSchema>;
export const TARGET_KINDS = TargetKindSchema.options;
export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  'local-folder': 'Local folder',
  'http-json': 'HTTP JSON',
  wordpress: 'WordPress',
};

/** The life of a publish job in the outbox (publish_jobs.state). */
export const JobStateSchema = z.enum(['queued', 'sending', 'retrying', 'failed', 'published', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;
export const JOB_STATES = JobStateSchema.options;
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

/** The step a sending job is at, shown to the editor: "Uploading image 2 of 5", 1-based index of total. */
export const JobStepSchema = z.object({ label: z.string(), index: z.number(), total: z.number() });
export type JobStep = z.infer<typeof JobStepSchema>;

/** Non-secret settings of a target; each kind's adapter validates its own fields. */
const TargetConfig = z.record(z.string(), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]));

export const TargetSummarySchema = z.object({
  id: z.string(),
  kind: TargetKindSchema,
  kindLabel: z.string(),
  name: z.string(),
  config: TargetConfig,
  isDefault: z.boolean(),
  /** A password/token is stored for this target (its value is never sent). */
  hasSecret: z.boolean(),
  needsSecret: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type TargetSummary = z.infer<typeof TargetSummarySchema>;

export const SecretStoreInfoSchema = z.object({
  kind: z.enum(['os-keychain', 'browser-shell-file']),
  /** Show before storing a secret when not null. */
  warning: z.string().nullable(),
});

export const JobSchema = z.object({
  id: z.string(),
  draftId: z.string(),
  targetId: z.string(),
  targetName: z.string(),
  headline: z.string(),
  revision: z.number(),
  state: JobStateSchema,
  /** JOB_STATE_LABELS[state]: "Queued", "Sending", "Retrying", "Failed", "Published", "Cancelled". */
  stateLabel: z.string(),
  attempts: z.number(),
  /** Epoch ms of the next automatic attempt (meaningful while queued/retrying). */
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  /** The step being sent right now, while sending. */
  step: JobStepSchema.nullable(),
  remoteId: z.string().nullable(),
  url: z.string().nullable(),
  scheduledAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
/** A publish job as the outbox reports it and every outbox channel returns it. */
export type PublishJob = z.infer<typeof JobSchema>;

export const PublicationSchema = z.object({
  targetId: z.string(),
  remoteId: z.string(),
  url: z.string(),
  revision: z.number(),
  publishedAt: z.number(),
});

export const publishChannels = {
  'targets:list': channel(
    z.object({}).strict(),
    z.object({ targets: z.array(TargetSummarySchema), secretStore: SecretStoreInfoSchema }),
  ),
  /** Creates (no id) or updates a target. `secret` replaces the stored one; `clearSecret` deletes it. */
  'targets:save': channel(
    z
      .object({
        id: TargetId.optional(),
        kind: TargetKindSchema,
        name: z.string().trim().min(1, 'Give the target a name.').max(200),
        config: TargetConfig,
        secret: z.string().min(1).max(4096).optional(),
        clearSecret: z.boolean().optional(),
      })
      .strict(),
    TargetSummarySchema,
  ),
  'targets:remove': channel(z.object({ id: TargetId }).strict(), z.object({})),
  'targets:setDefault': channel(z.object({ id: TargetId }).strict(), z.object({})),
  /**
   * "Test connection": a saved target by id, or unsaved settings from the
   * dialog (kind + config, with the typed secret or the stored one of `id`).
   */
  'targets:test': channel(
    z
      .object({
        id: TargetId.optional(),
        kind: TargetKindSchema.optional(),
        config: TargetConfig.optional(),
        secret: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    z.object({ ok: z.boolean(), message: z.string() }),
  ),
  /** The offline checklist; targetId reserved for target-specific checks. */
  'publish:check': channel(
    z.object({ draftId: DraftId, targetId: TargetId.optional() }).strict(),
    z.object({ findings: z.array(FindingSchema), blocking: z.boolean() }),
  ),
  /** Queues the publish (refused while blocking findings remain). Omitted targetId = the default target. */
  'publish:start': channel(
    z
      .object({
        draftId: DraftId,
        targetId: TargetId.optional(),
        scheduledAt: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    JobSchema,
  ),
  /** Where a draft was published (one entry per target), the latest first. */
  'publish:publications': channel(
    z.object({ draftId: DraftId }).strict(),
    z.object({ publications: z.array(PublicationSchema) }),
  ),
  'publish:getSettings': channel(z.object({}).strict(), z.object({ spamDomains: z.array(z.string()) })),
  'publish:saveSettings': channel(
    z.object({ spamDomains: z.array(z.string().max(253)).max(5000) }).strict(),
    z.object({ spamDomains: z.array(z.string()) }),
  ),
  'outbox:list': channel(
    z.object({ draftId: DraftId.optional() }).strict(),
    z.object({ jobs: z.array(JobSchema) }),
  ),
  'outbox:retry': channel(z.object({ jobId: JobId }).strict(), JobSchema),
  /** "Cancel publish": a queued, retrying or failed job is never sent (state "cancelled"). */
  'outbox:cancel': channel(z.object({ jobId: JobId }).strict(), JobSchema),
  /**
   * Opens a local-folder publication (a file:// URL) with the system's default
   * program. Only URLs that Copydesk itself recorded as published are opened.
   */
  'publish:openLocal': channel(z.object({ url: z.string().max(4096) }).strict(), z.object({})),
};
