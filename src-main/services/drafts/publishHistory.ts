// Where History and the workflow meet publishing, without changing the
// publish service: a wrapper around the publish:start handler (the embargo of
// a Scheduled draft, and the version recorded before a publish) and an outbox
// listener (the version recorded once a publish went out).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ArticleMetaSchema } from '../../../src-shared/article';
import type { Handlers } from '../../../src-shared/ipc';
import { AppFailure } from '../../../src-shared/ipc';
import type { PublishService } from '../publish/publishService';
import type { SiteCompare } from '../publish/siteCompare';
import { formatWhen, type DraftRepository } from './draftRepository';

export interface PublishHistoryOptions {
  handlers: Handlers;
  drafts: DraftRepository;
  publishing: Pick<PublishService, 'outbox' | 'targets'>;
  /** The store's database: the frozen snapshot a job sent is read from publish_jobs. */
  db: Database.Database;
  /** When given: an update to a site where someone changed the article waits for the editor's answer. */
  site?: SiteCompare;
  now(): number;
  log: { error(message: string, error: unknown): void };
}

/** Wraps handlers['publish:start'] in place and subscribes to the outbox. Returns the unsubscribe. */
const SentSnapshotSchema = z.object({
  revision: z.number().int(),
  meta: ArticleMetaSchema,
  bodyJson: z.string(),
});

export function attachPublishHistory(options: PublishHistoryOptions): () => void {
  const { handlers, drafts, publishing, now } = options;
  const snapshotOf = options.db.prepare<[string], { snapshot_json: string }>(
    'SELECT snapshot_json FROM publish_jobs WHERE id = ?',
  );
  const readSnapshot = (jobId: string) => {
    const row = snapshotOf.get(jobId);
    if (!row) return null;
    const parsed = SentSnapshotSchema.safeParse(JSON.parse(row.snapshot_json));
    return parsed.success ? parsed.data : null;
  };
  const start = handlers['publish:start'];
  handlers['publish:start'] = async (input) => {
    const draft = drafts.get(input.draftId);
    const target = input.targetId ? publishing.targets.find(input.targetId) : publishing.targets.getDefault();
    const embargo = draft.status === 'scheduled' ? draft.scheduledAt : null;
    if (embargo !== null && embargo > now()) {
      const until = formatWhen(embargo, now());
      if (target?.kind === 'local-folder') {
        throw new AppFailure(
          'invalid_input',
          `This article is embargoed until ${until}, and a local folder shows it at once. Publish it after ${until}, or change its status.`,
        );
      }
      if ((input.scheduledAt ?? now()) < embargo) {
        throw new AppFailure(
          'invalid_input',
          `This article is embargoed until ${until}. Set “Publish at” to ${until} or later, or change its status.`,
        );
      }
    }
    if (target && options.site) {
      const check = await options.site.check(input.draftId, target.id);
      if (check.state === 'changed') {
        throw new AppFailure(
          'conflict',
          `Someone changed this article on “${target.name}” since Copydesk published it. Look at their changes in the Publish dialog and choose “Keep site changes” or “Overwrite site”.`,
        );
      }
    }
    const job = await start(input);
    drafts.recordRevision(input.draftId, {
      kind: 'before-publish',
      label: `Before publishing to ${job.targetName}`,
    });
    return job;
  };

  return publishing.outbox.subscribe((job) => {
    if (job.state !== 'published') return;
    if (options.site && job.remoteId !== null) {
      options.site
        .remember(job.draftId, job.targetId, job.remoteId)
        .catch((error: unknown) => options.log.error('Reading the published article back failed', error));
    }
    try {
      const snapshot = readSnapshot(job.id);
      drafts.recordRevision(job.draftId, {
        kind: 'published',
        label: `Published to ${job.targetName}`,
        ...(snapshot
          ? {
              content: {
                revision: snapshot.revision,
                meta: snapshot.meta,
                body: snapshot.bodyJson,
              },
            }
          : {}),
      });
    } catch (error) {
      options.log.error('Recording a published version in History failed', error);
    }
  });
}
