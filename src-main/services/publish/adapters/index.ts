// Every publish target kind, one adapter each.
import type { PublishAdapter, TargetKind } from '../types';
import { createHttpJsonAdapter } from './httpJson';
import { createLocalFolderAdapter } from './localFolder';
import { wordpressAdapter } from '../wordpress/wordpressAdapter';

export function createPublishAdapters(): ReadonlyMap<TargetKind, PublishAdapter> {
  const adapters: PublishAdapter[] = [
    createLocalFolderAdapter() as PublishAdapter,
    createHttpJsonAdapter() as PublishAdapter,
    wordpressAdapter as PublishAdapter,
  ];
  return new Map(adapters.map((adapter) => [adapter.kind, adapter]));
}
