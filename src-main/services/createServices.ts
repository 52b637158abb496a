// Builds every service from its dependencies. Both shells call this and
// nothing else: the Electron main process and the browser shell launcher
// differ only in what they pass in (secret store, openExternal, shell name).
import type { Handlers, Notice, ShellKind } from '../../src-shared/ipc';
import { createAppHandlers } from './appInfo';
import { createDispatch, type Dispatch, type DispatchLog } from './dispatch';
import { createDraftHandlers } from './drafts/draftHandlers';
import { createDraftRepository, type DraftRepository } from './drafts/draftRepository';
import { ensureDailyBackup } from './store/backups';
import { openStore, type Store } from './store/openStore';

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
  /** Where unexpected failures are logged (default console). */
  log?: DispatchLog;
  /** How often to check whether today's backup exists (default hourly; 0 = only at start). */
  backupIntervalMs?: number;
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
  const { store, notices } = openStore({ dataDir: options.dataDir, now });
  const drafts = createDraftRepository(store.db, now);

  const handlers: Handlers = {
    ...createAppHandlers({ ...options, notices }),
    ...createDraftHandlers(drafts),
  };

  let closed = false;
  let pendingBackup: Promise<string | null> | null = null;
  const backupNow = (): Promise<string | null> => {
    if (closed) return Promise.resolve(null);
    // Nothing to protect yet; the periodic check takes it once a draft exists.
    if (!drafts.hasAny()) return Promise.resolve(null);
    pendingBackup ??= ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: now() })
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
  const interval = options.backupIntervalMs ?? HOUR_MS;
  const timer = interval > 0 ? setInterval(() => void backupNow(), interval) : null;
  timer?.unref();

  return {
    dispatch: createDispatch(handlers, log),
    handlers,
    notices,
    store,
    drafts,
    backupNow,
    close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      store.close();
    },
  };
}
