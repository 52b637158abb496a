// The drafts:* channels, mapped onto the repository. Inputs arrive validated
// by dispatch against src-shared/ipc/draftChannels.ts. A save's body patch is
// applied here (bodyPatches.ts), so the repository always stores whole text.
import type { Handlers } from '../../../src-shared/ipc';
import { createBodyPatches } from './bodyPatches';
import type { DraftRepository } from './draftRepository';

export type DraftChannel = Extract<keyof Handlers, `drafts:${string}`>;

export function createDraftHandlers(drafts: DraftRepository): Pick<Handlers, DraftChannel> {
  const patches = createBodyPatches();
  return {
    'drafts:list': (input) => drafts.page(input),
    'drafts:sections': () => ({ sections: drafts.sections() }),
    'drafts:create': () => drafts.create(),
    'drafts:get': ({ id }) => drafts.get(id),
    // A patch (src-shared/bodyPatch.ts) becomes the whole body before the repository sees it.
    'drafts:save': ({ body, bodyPatch, ...rest }) => {
      const patched = bodyPatch ? patches.apply(rest.id, rest.baseRevision, bodyPatch) : null;
      const text = patched?.body ?? (body as string);
      const saved = drafts.save({ ...rest, body: text });
      patches.remember(rest.id, saved.revision, text, patched?.parts);
      return saved;
    },
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
