// Writes every draft whose latest changes are not stored to a file outside
// the data folder (storage:saveUnsavedCopy). Used by the storage banner and
// by the question Copydesk asks before it quits.
import { call } from '../api';
import { unsavedDrafts } from './draftSession';

export interface CopyOutcome {
  paths: string[];
  /** The first failure's message, when a copy could not be written. */
  problem: string | null;
}

export async function saveUnsavedCopies(): Promise<CopyOutcome> {
  const paths: string[] = [];
  for (const draft of unsavedDrafts()) {
    const result = await call('storage:saveUnsavedCopy', { meta: draft.meta, body: draft.body });
    if (!result.ok) return { paths, problem: result.error.message };
    paths.push(result.value.path);
  }
  return { paths, problem: null };
}
