// Placeholder for schema 5, which another branch adds; drop at merge.
import type { Migration } from './types';

export const placeholder5Migration: Migration = {
  version: 5,
  name: 'placeholder-5',
  up() {},
};
