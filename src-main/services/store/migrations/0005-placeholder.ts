// PLACEHOLDER, drop at merge: version 5 belongs to another helper's branch.
// It exists only so versions run 1..7 without gaps on the history branch.
import type { Migration } from './types';

export const placeholder5Migration: Migration = {
  version: 5,
  name: 'placeholder-5',
  up() {},
};
