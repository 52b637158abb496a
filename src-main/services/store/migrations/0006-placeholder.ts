// Placeholder for schema 6, which another branch adds; drop at merge.
import type { Migration } from './types';

export const placeholder6Migration: Migration = {
  version: 6,
  name: 'placeholder-6',
  up() {},
};
