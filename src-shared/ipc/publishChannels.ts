// Publishing: targets, pre-publish checks, the outbox. Secrets are
// write-only here: targets:save may carry one, nothing ever returns one.
import { z } from 'zod';
import { FindingSchema } from '../checks/prePublishChecks';
import { DraftIdSchema as DraftId } from '../article';
import { channel } from './define';
import { JOB_STATES, TARGET_KINDS } from './publishVocabulary';

const TargetId = z.string().min(8).max(64);
const JobId = z.string().min(8).max(64);

// The publishing vocabulary is declared in publishVocabulary.ts; these are its schemas.
export const TargetKindSchema = z.enum(TARGET_KINDS);
export const JobStateSchema = z.enum(JOB_STATES);

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
