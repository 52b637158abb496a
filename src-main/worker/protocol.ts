// Messages between a shell and the services worker (servicesWorker.ts).
// The same messages travel over Electron's utilityProcess port and over a
// Node worker_threads port; neither side knows any IPC channel by name:
// `invoke` carries whatever the renderer asked and dispatch validates it.
//
//   shell -> worker: start, invoke, media, backup, close, host-reply
//   worker -> shell: ready | start-failed, reply, media-reply, backup-reply, closed, event, host
import type { Result, ShellKind } from '../../src-shared/ipc';

/** What the worker needs to build the services; plain data (it crosses a process or thread). */
export interface WorkerStartOptions {
  dataDir: string;
  shell: ShellKind;
  version: string;
  /** Parent of the default "Copydesk Published" folder (Electron: the Documents folder). */
  documentsDir?: string;
  /** better-sqlite3 binary built for this runtime's ABI (unpackaged Electron). */
  sqliteNativeBinding?: string;
  /**
   * Electron only: publish target secrets, decrypted with safeStorage in the main process
   * (safeStorage exists nowhere else). The worker keeps them in memory and asks the main
   * process to encrypt and store every change (host request secret:set / secret:delete).
   * Absent: the worker keeps secrets in the browser shell's labelled file itself.
   */
  secrets?: MirroredSecrets;
}

export interface MirroredSecrets {
  warning: string | null;
  /** false when the OS keychain cannot encrypt: storing a secret is refused with a message. */
  encryptionAvailable: boolean;
  values: Record<string, string>;
}

/** What only the shell can do; the worker asks and waits for a host-reply. */
export type HostRequest =
  | { op: 'openExternal'; url: string }
  | { op: 'openPath'; path: string }
  | { op: 'secret:set'; targetId: string; secret: string }
  | { op: 'secret:delete'; targetId: string };

export type ToWorker =
  | { type: 'start'; options: WorkerStartOptions }
  | { type: 'invoke'; id: number; channel: unknown; input: unknown }
  | { type: 'media'; id: number; hash: string }
  | { type: 'backup'; id: number }
  | { type: 'close'; id: number }
  | { type: 'host-reply'; id: number; error: string | null };

export interface MediaReply {
  bytes: Uint8Array;
  mime: string;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'start-failed'; message: string }
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'media-reply'; id: number; media: MediaReply | null }
  | { type: 'backup-reply'; id: number; path: string | null }
  | { type: 'closed'; id: number; error: string | null }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'host'; id: number; request: HostRequest };

/** The message-port side a shell hands to the services host: utilityProcess child or worker_threads Worker. */
export interface WorkerHandle {
  /** `transfer` lists ArrayBuffers that may move instead of being copied (worker_threads); others ignore it. */
  postMessage(message: ToWorker, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the worker is gone, for whatever reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/**
 * The ArrayBuffers of an object's top-level byte arrays that own their whole
 * buffer (a Buffer from Node's pool shares its buffer with others and is copied).
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  const consider = (item: unknown): void => {
    if (
      item instanceof Uint8Array &&
      item.buffer instanceof ArrayBuffer &&
      item.byteOffset === 0 &&
      item.byteLength === item.buffer.byteLength &&
      item.byteLength > 0 &&
      !list.includes(item.buffer)
    ) {
      list.push(item.buffer);
    }
  };
  if (value instanceof Uint8Array) consider(value);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) consider(item);
  return list;
}
