// The history:* and workflow:* channels, mapped onto the repository. Inputs
// arrive validated by dispatch against src-shared/ipc/historyChannels.ts.
import type { Handlers } from '../../../src-shared/ipc';
import type { DraftRepository } from './draftRepository';

export type HistoryChannel = Extract<keyof Handlers, `history:${string}` | `workflow:${string}`>;

export function createHistoryHandlers(drafts: DraftRepository): Pick<Handlers, HistoryChannel> {
  return {
    'history:list': ({ draftId }) => ({ entries: drafts.listRevisions(draftId) }),
    'history:get': ({ draftId, seq }) => {
      const { meta, body, ...entry } = drafts.getRevision(draftId, seq);
      return { entry, meta, body };
    },
    'history:restore': ({ draftId, seq }) => drafts.restoreRevision(draftId, seq),
    'workflow:setStatus': ({ draftId, status, scheduledAt }) =>
      drafts.setStatus(draftId, status, scheduledAt ?? null),
  };
}
