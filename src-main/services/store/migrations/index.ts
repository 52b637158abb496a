// Every schema version, in order. One file per version; never edit a
// migration that has shipped, add the next one instead.
// Other features append here: 0002-media.ts (images), 0003-publishing.ts
// (publishing), 0004-publish-trust.ts (publishing trust), 0005-history.ts (workflow status, History),
// 0006-checks.ts (dictionaries, ignored checks), 0007-search.ts (search), 0008-phrase-pairs.ts
// (the word-pair index for phrases). Versions must run
// 1, 2, 3… without gaps (checked at open).
import { draftsMigration } from './0001-drafts';
import { mediaMigration } from './0002-media';
import { publishingMigration } from './0003-publishing';
import { publishTrustMigration } from './0004-publish-trust';
import { historyMigration } from './0005-history';
import { checksMigration } from './0006-checks';
import { searchMigration } from './0007-search';
import { phrasePairsMigration } from './0008-phrase-pairs';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  draftsMigration,
  mediaMigration,
  publishingMigration,
  publishTrustMigration,
  historyMigration,
  checksMigration,
  searchMigration,
  phrasePairsMigration,
];
