// PLACEHOLDER, drop at merge: version 6 belongs to another helper's branch.
// It exists only so versions run 1..7 without gaps on the history branch.
import type { Migration } from './types';

export const placeholder6Migration: Migration = {
  version: 6,
  name: 'placeholder-6',
  up() {},
};
