// Placeholder for schema 7, which another branch adds; drop at merge.
import type { Migration } from './types';

export const placeholder7Migration: Migration = {
  version: 7,
  name: 'placeholder-7',
  up() {},
};
