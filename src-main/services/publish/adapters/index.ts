// Every publish target kind, one adapter each.
import type { PublishAdapter, TargetKind } from '../types';
import { createHttpJsonAdapter } from './httpJson';
import { createLocalFolderAdapter } from './localFolder';

export function createPublishAdapters(): ReadonlyMap<TargetKind, PublishAdapter> {
  const adapters: PublishAdapter[] = [
    createLocalFolderAdapter() as PublishAdapter,
    createHttpJsonAdapter() as PublishAdapter,
    // wordpress: the WordPress adapter (src-main/services/publish/wordpress) is added here.
  ];
  return new Map(adapters.map((adapter) => [adapter.kind, adapter]));
}
