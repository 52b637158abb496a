// The drafts:* channels, mapped onto the repository. Inputs arrive validated
// by dispatch against src-shared/ipc/draftChannels.ts.
import type { Handlers } from '../../../src-shared/ipc';
import type { DraftRepository } from './draftRepository';

export type DraftChannel = Extract<keyof Handlers, `drafts:${string}`>;

export function createDraftHandlers(drafts: DraftRepository): Pick<Handlers, DraftChannel> {
  return {
    'drafts:list': (input) => drafts.page(input),
    'drafts:sections': () => ({ sections: drafts.sections() }),
    'drafts:create': () => drafts.create(),
    'drafts:get': ({ id }) => drafts.get(id),
    'drafts:save': (input) => drafts.save(input),
    'drafts:delete': ({ id }) => drafts.trash(id),
    'drafts:restore': ({ id }) => {
      drafts.restore(id);
      return {};
    },
    'drafts:purge': ({ id }) => {
      drafts.purge(id);
      return {};
    },
  };
}
