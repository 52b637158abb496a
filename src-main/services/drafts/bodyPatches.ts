// The bodies drafts:save patches apply to (src-shared/bodyPatch.ts): for the
// few drafts saved lately, the body stored at their latest revision, split
// into blocks. Kept in memory only; a patch against anything else (a revision
// written by History, an import or another window, or a body forgotten since,
// a restart included) is refused with 'patch_base_missing', and the page sends
// the whole body.
import { AppFailure } from '../../../src-shared/ipc';
import {
  applyBodyPatch,
  joinBodyParts,
  splitBody,
  type BodyPatch,
  type HashedBodyParts,
} from '../../../src-shared/bodyPatch';

/** Drafts whose last body is kept (each up to the size of its body's text, about 2 MB at 100k words). */
export const KEPT_BODIES = 8;

export interface BodyPatches {
  /** The whole body `patch` makes of `id`'s body at `baseRevision`; throws 'patch_base_missing'. */
  apply(id: string, baseRevision: number, patch: BodyPatch): { body: string; parts: HashedBodyParts };
  /** Keeps the body stored for `id` at `revision` (its parts when known, else split on the first patch). */
  remember(id: string, revision: number, body: string, parts?: HashedBodyParts): void;
}

interface Kept {
  revision: number;
  /** The stored text, until a patch needed it split. */
  body: string | null;
  parts: HashedBodyParts | null;
}

const MISSING_MESSAGE =
  'The change could not be applied to the stored text; the whole draft has to be sent again.';

export function createBodyPatches(): BodyPatches {
  // Insertion order is use order: a kept body is deleted and set again when used.
  const kept = new Map<string, Kept>();

  return {
    apply(id, baseRevision, patch) {
      const entry = kept.get(id);
      if (!entry || entry.revision !== baseRevision)
        throw new AppFailure('patch_base_missing', MISSING_MESSAGE);
      if (entry.parts === null && entry.body !== null) {
        entry.parts = splitBody(entry.body);
        entry.body = null;
      }
      const next = entry.parts === null ? null : applyBodyPatch(entry.parts, patch);
      if (next === null) {
        kept.delete(id);
        throw new AppFailure('patch_base_missing', MISSING_MESSAGE);
      }
      return { body: joinBodyParts(next), parts: next };
    },

    remember(id, revision, body, parts) {
      kept.delete(id);
      kept.set(id, { revision, body: parts ? null : body, parts: parts ?? null });
      while (kept.size > KEPT_BODIES) kept.delete(kept.keys().next().value as string);
    },
  };
}
