// Builds every service from its dependencies. Both shells call this and
// nothing else: the Electron main process and the browser shell launcher
// differ only in what they pass in (secret store, openExternal, shell name).
import type { Handlers, Notice, ShellKind } from '../../src-shared/ipc';
import { createDispatch, type Dispatch } from './dispatch';

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
}

export interface Services {
  dispatch: Dispatch;
  handlers: Handlers;
  /** Start-up events the user must hear about (a corrupt database moved aside, a backup restored). */
  notices: Notice[];
  /** Flushes and closes the database. Safe to call twice. */
  close(): void;
}

export function createServices(_options: ServiceOptions): Services {
  throw new Error('createServices is being written (store helper)');
  // eslint-disable-next-line no-unreachable
  return { dispatch: createDispatch({} as Handlers), handlers: {} as Handlers, notices: [], close() {} };
}
