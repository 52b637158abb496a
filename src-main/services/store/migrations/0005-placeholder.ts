// PLACEHOLDER, drop at merge: version 5 belongs to another branch. It exists
// only so this branch's migrations run 1..N without a gap.
import type { Migration } from './types';

export const placeholder5Migration: Migration = {
  version: 5,
  name: 'placeholder5',
  up() {},
};
