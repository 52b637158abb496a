// Placeholder for schema 4, which another branch adds; drop at merge.
import type { Migration } from './types';

export const placeholder4Migration: Migration = {
  version: 4,
  name: 'placeholder-4',
  up() {},
};
