// Publishing: targets, pre-publish checks, the outbox. Secrets are
// write-only here: targets:save may carry one, nothing ever returns one.
import { z } from 'zod';
import { FindingSchema } from '../checks/prePublishChecks';
import { channel } from './define';

const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a draft id');
const TargetId = z.string().min(8).max(64);
const JobId = z.string().min(8).max(64);

export const PUBLISH_TARGET_KINDS = ['local-folder', 'http-json', 'wordpress'] as const;
export const JOB_STATE_NAMES = ['queued', 'sending', 'retrying', 'failed', 'published', 'cancelled'] as const;

/** Non-secret settings of a target; each kind's adapter validates its own fields. */
const TargetConfig = z.record(z.string(), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]));

export const TargetSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(PUBLISH_TARGET_KINDS),
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
  state: z.enum(JOB_STATE_NAMES),
  /** "Queued", "Sending", "Retrying", "Failed", "Published", "Cancelled". */
  stateLabel: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  step: z.object({ label: z.string(), index: z.number(), total: z.number() }).nullable(),
  remoteId: z.string().nullable(),
  url: z.string().nullable(),
  scheduledAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
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
        kind: z.enum(PUBLISH_TARGET_KINDS),
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
        kind: z.enum(PUBLISH_TARGET_KINDS).optional(),
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
