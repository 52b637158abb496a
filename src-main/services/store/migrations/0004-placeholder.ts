// PLACEHOLDER, drop at merge: version 4 belongs to another helper's branch.
// It exists only so versions run 1..7 without gaps on the history branch.
import type { Migration } from './types';

export const placeholder4Migration: Migration = {
  version: 4,
  name: 'placeholder-4',
  up() {},
};
