// Every schema version, in order. One file per version; never edit a
// migration that has shipped, add the next one instead.
// Other features append here: 0002-media.ts (images), 0003-publishing.ts
// (publishing). Versions must run 1, 2, 3… without gaps (checked at open).
import { draftsMigration } from './0001-drafts';
import { mediaMigration } from './0002-media';
import { publishingMigration } from './0003-publishing';
import { placeholder4Migration } from './0004-placeholder';
import { placeholder5Migration } from './0005-placeholder';
import { searchMigration } from './0006-search';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  draftsMigration,
  mediaMigration,
  publishingMigration,
  placeholder4Migration,
  placeholder5Migration,
  searchMigration,
];
