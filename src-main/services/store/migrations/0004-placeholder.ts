// PLACEHOLDER, drop at merge: version 4 belongs to another branch. It exists
// only so this branch's migrations run 1..N without a gap.
import type { Migration } from './types';

export const placeholder4Migration: Migration = {
  version: 4,
  name: 'placeholder4',
  up() {},
};
