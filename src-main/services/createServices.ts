// Builds every service from its dependencies. Both shells call this and
// nothing else: the Electron main process and the browser shell launcher
// differ only in what they pass in (secret store, openExternal, shell name).
import { homedir } from 'node:os';
import type { Handlers, Notice, ShellKind } from '../../src-shared/ipc';
import { createAppHandlers } from './appInfo';
import { createChecksService } from './checks/checksService';
import { createExportService } from './export/exportService';
import { createDispatch, type Dispatch, type DispatchLog } from './dispatch';
import { createDraftHandlers } from './drafts/draftHandlers';
import { createDraftRepository, type DraftRepository } from './drafts/draftRepository';
import { createHistoryHandlers } from './drafts/historyHandlers';
import { attachPublishHistory } from './drafts/publishHistory';
import { createSiteCompare, createSiteHandlers } from './publish/siteCompare';
import { createImageHandlers } from './media/imageHandlers';
import { createImportHandlers } from './import/importService';
import { createMediaStore, type MediaStore } from './media/mediaStore';
import { createFileSecretStore } from './publish/fileSecretStore';
import {
  createPublishService,
  type PublishService,
  type PublishServiceOptions,
} from './publish/publishService';
import type { SecretStore } from './publish/types';
import { createServiceEvents, pushOutboxChanges, type ServiceEvents } from './serviceEvents';
import { ensureDailyBackup } from './store/backups';
import { openStore, type Store } from './store/openStore';
import { createStorageHandlers } from './store/unsavedCopies';

export interface Clock {
  now(): number;
}

export interface ServiceOptions {
  /** Folder that holds the database, backups and media. Created when missing. */
  dataDir: string;
  shell: ShellKind;
  version: string;
  clock?: Clock;
  /** Opens a validated http(s)/mailto URL outside the app (system browser). */
  openExternal(url: string): Promise<void>;
  /** Opens a file Copydesk wrote (a local-folder publication) with the system's default program. */
  openPath?(path: string): Promise<void>;
  /** Where unexpected failures are logged (default console). */
  log?: DispatchLog;
  /** How often to check whether today's backup exists (default hourly; 0 = only at start). */
  backupIntervalMs?: number;
  /** Delay before unused images move to media-trash/ once per start (default one minute; 0 = never; never after a recovery). */
  mediaCleanupDelayMs?: number;
  /** Where publish target secrets live (Electron: safeStorage); default: the browser shell's labelled file. */
  secretStore?: SecretStore;
  /** Parent of the default "Copydesk Published" folder (Electron: the Documents folder); default: the data folder. */
  documentsDir?: string;
  /** better-sqlite3 binary built for this runtime's ABI (unpackaged Electron); default: the installed one. */
  sqliteNativeBinding?: string;
  /** SQLite synchronous mode; FULL (the default) fsyncs every autosave. Benchmarks compare NORMAL. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Test seams of the publishing outbox (fetch, timers, backoff). */
  publishing?: PublishServiceOptions['outbox'];
}

export interface Services {
  dispatch: Dispatch;
  handlers: Handlers;
  /** Start-up events the user must hear about (a corrupt database moved aside, a backup restored). */
  notices: Notice[];
  /** Flushes and closes the database. Safe to call twice. */
  close(): void;
  /** The open store (database, data folder paths) for services that share it. */
  store: Store;
  drafts: DraftRepository;
  /** Targets, checks and the outbox worker (started by createServices, stopped by close). */
  publishing: PublishService;
  /** Stored images by content hash (both shells serve /media/<hash> from it). */
  media: MediaStore;
  /** Events pushed to the renderer (src-shared/ipc/pushEvents.ts); the worker forwards them to the shell. */
  events: ServiceEvents;
  /** Takes today's backup if it is missing; resolves to its path or null. Settles even on failure. */
  backupNow(): Promise<string | null>;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Opens the store (recovering a corrupt database) and wires every channel.
 * Throws StoreOpenError (store/storeErrors.ts) with a message for the user
 * when the data folder is unusable or the database is newer than this code.
 */
export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? { now: () => Date.now() };
  const now = () => clock.now();
  const log = options.log ?? console;
  const { store, notices } = openStore({
    dataDir: options.dataDir,
    now,
    nativeBinding: options.sqliteNativeBinding,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  const drafts = createDraftRepository(store.db, now);
  const media = createMediaStore({ dataDir: options.dataDir, db: store.db, now });
  const secrets = options.secretStore ?? createFileSecretStore(options.dataDir);
  const publishing = createPublishService({
    db: store.db,
    dataDir: options.dataDir,
    drafts,
    secrets,
    readImage: async (hash) => {
      const stored = await media.readImage(hash);
      if (!stored) throw new Error('it is not in the media folder');
      return stored.bytes;
    },
    now,
    log,
    ...(options.documentsDir ? { documentsDir: options.documentsDir } : {}),
    ...(options.publishing ? { outbox: options.publishing } : {}),
    ...(options.openPath ? { openPath: options.openPath } : {}),
  });

  const site = createSiteCompare({
    db: store.db,
    targets: publishing.targets,
    secrets,
    drafts,
    now,
    ...(options.publishing?.fetch ? { fetch: options.publishing.fetch } : {}),
  });
  const checks = createChecksService({
    db: store.db,
    dataDir: options.dataDir,
    now,
    spamDomains: async () => (await publishing.handlers['publish:getSettings']({})).spamDomains,
  });
  const handlers: Handlers = {
    ...createAppHandlers({ ...options, notices }),
    ...createDraftHandlers(drafts),
    ...publishing.handlers,
    ...createImageHandlers(media),
    ...createStorageHandlers({ dataDir: options.dataDir, parentDir: options.documentsDir ?? homedir(), now }),
    ...createImportHandlers({ store, drafts, media, publishing, now }),
    ...createHistoryHandlers(drafts),
    ...createSiteHandlers(site),
    ...checks.handlers,
    ...createExportService({
      drafts,
      readImage: async (hash) => (await media.readImage(hash))?.bytes ?? null,
      dataDir: options.dataDir,
      ...(options.documentsDir ? { documentsDir: options.documentsDir } : {}),
      ...(options.openPath ? { openPath: options.openPath } : {}),
    }).handlers,
  };
  attachPublishHistory({ handlers, drafts, publishing, site, db: store.db, now, log });

  const serviceEvents = createServiceEvents(log);
  const stopPushingOutbox = pushOutboxChanges(publishing.outbox, handlers['outbox:list'], serviceEvents, log);

  let closed = false;
  let pendingBackup: Promise<string | null> | null = null;
  const backupNow = (): Promise<string | null> => {
    if (closed) return Promise.resolve(null);
    // Nothing to protect yet; the periodic check takes it once a draft exists.
    if (!drafts.hasAny()) return Promise.resolve(null);
    pendingBackup ??= ensureDailyBackup({
      db: store.db,
      backupsDir: store.backupsDir,
      now: now(),
      ...(options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {}),
    })
      .catch((error: unknown) => {
        if (!closed) log.error('The daily backup failed', error);
        return null;
      })
      .finally(() => {
        pendingBackup = null;
      });
    return pendingBackup;
  };
  void backupNow();
  // A start that recovered a damaged database must not judge images by it: drafts that used them
  // may be in the file moved aside, or newer than the restored backup.
  const cleanupDelay = store.recovered ? 0 : (options.mediaCleanupDelayMs ?? 60_000);
  const cleanupTimer =
    cleanupDelay > 0
      ? setTimeout(() => {
          if (closed) return;
          media.collectUnusedMedia().catch((error: unknown) => {
            if (!closed) log.error('Removing unused images failed', error);
          });
        }, cleanupDelay)
      : null;
  cleanupTimer?.unref();
  publishing.start();
  const interval = options.backupIntervalMs ?? HOUR_MS;
  const timer = interval > 0 ? setInterval(() => void backupNow(), interval) : null;
  timer?.unref();

  return {
    dispatch: createDispatch(handlers, log),
    handlers,
    notices,
    store,
    drafts,
    publishing,
    media,
    events: serviceEvents,
    backupNow,
    close() {
      if (closed) return;
      closed = true;
      stopPushingOutbox();
      if (timer) clearInterval(timer);
      if (cleanupTimer) clearTimeout(cleanupTimer);
      // Aborts sends in flight; a job cut off here resumes from its progress at the next start.
      void publishing.stop();
      // The spelling-suggestion worker thread (src-main/services/checks/suggester.ts).
      void checks.close();
      store.close();
    },
  };
}
