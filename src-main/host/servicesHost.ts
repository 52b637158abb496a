// The shell's side of the services worker, shared by both shells: it starts
// the worker, routes any request to it by id, hands the worker what only the
// shell can do (open a link, open a file, store a secret), forwards pushed
// events, and decides what a crash means.
//
// Crash policy: a worker that stops unexpectedly is started again at once and
// the editor is told (an "app:notice" event: the change in flight may not be
// saved). Requests waiting for it get an error Result, so autosave retries.
// More than MAX_RESTARTS crashes within RESTART_WINDOW_MS means it cannot
// run here: the shell is told (onFatal) and stops with that message.
import type { Result } from '../../src-shared/ipc';
import type {
  FromWorker,
  HostRequest,
  MediaReply,
  ToWorker,
  WorkerHandle,
  WorkerStartOptions,
} from '../worker/protocol';
import { transferablesOf } from '../worker/protocol';

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;
const CLOSE_TIMEOUT_MS = 10_000;

export const WORKER_STOPPED_MESSAGE =
  'Copydesk’s storage process stopped unexpectedly, so this request was not completed. It is being restarted; try again in a moment.';
export const WORKER_GONE_MESSAGE =
  'Copydesk’s storage process has stopped and Copydesk is closing. Everything saved before is in the data folder.';

export interface ServicesHostOptions {
  /** Starts a fresh worker (utilityProcess.fork or new Worker). */
  spawn(): WorkerHandle;
  /** Read again at every (re)start, so a restarted worker gets the current secrets. */
  startOptions(): WorkerStartOptions;
  /** A pushed event from the services, to forward to the renderer. */
  onEvent(name: string, payload: unknown): void;
  /** What only the shell can do for the worker. */
  hostRequest(request: HostRequest): Promise<void>;
  /** The worker crashed too often; the shell should tell the editor and stop. */
  onFatal(message: string): void;
  now?: () => number;
  log?: (message: string) => void;
}

export interface ServicesHost {
  /** Starts the worker; rejects with the services' own message when the store cannot open. */
  start(): Promise<void>;
  /** Any channel of the contract; dispatch in the worker validates it. Never rejects. */
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** A stored image for /media/<hash>, or null. */
  readMedia(hash: string): Promise<{ bytes: Buffer; mime: string } | null>;
  backupNow(): Promise<string | null>;
  /** Asks the worker to close the database, then ends it. Resolves to an error message or null. */
  close(): Promise<string | null>;
}

type Waiter = (message: FromWorker | null) => void;

export function createServicesHost(options: ServicesHostOptions): ServicesHost {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(message));
  let worker: WorkerHandle | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiter>();
  const crashes: number[] = [];
  let closing = false;
  let fatal = false;
  let startWaiter: ((message: FromWorker | null, code?: number | null) => void) | null = null;

  const send = (message: ToWorker, transfer: ArrayBuffer[] = []): void => {
    if (!worker) throw new Error('no worker');
    worker.postMessage(message, transfer);
  };

  /** Sends a request and waits for its reply; resolves null when the worker goes away first. */
  const request = (
    build: (id: number) => ToWorker,
    transfer: ArrayBuffer[] = [],
  ): Promise<FromWorker | null> => {
    if (!worker || fatal) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      try {
        send(build(id), transfer);
      } catch (error) {
        waiting.delete(id);
        log(`Copydesk could not reach its storage process: ${(error as Error).message}`);
        resolve(null);
      }
    });
  };

  const answerHost = (id: number, hostRequest: HostRequest): void => {
    options.hostRequest(hostRequest).then(
      () => worker?.postMessage({ type: 'host-reply', id, error: null }, []),
      (error: unknown) =>
        worker?.postMessage(
          { type: 'host-reply', id, error: error instanceof Error ? error.message : String(error) },
          [],
        ),
    );
  };

  const onMessage = (message: FromWorker): void => {
    switch (message.type) {
      case 'ready':
      case 'start-failed':
        startWaiter?.(message);
        return;
      case 'event':
        options.onEvent(message.name, message.payload);
        return;
      case 'host':
        answerHost(message.id, message.request);
        return;
      default: {
        const waiter = waiting.get(message.id);
        waiting.delete(message.id);
        waiter?.(message);
      }
    }
  };

  const launch = (): Promise<void> => {
    const handle = options.spawn();
    worker = handle;
    handle.onMessage(onMessage);
    handle.onExit((code) => onExit(handle, code));
    return new Promise<void>((resolve, reject) => {
      startWaiter = (message, code) => {
        startWaiter = null;
        if (message?.type === 'ready') resolve();
        else if (message?.type === 'start-failed') reject(new Error(message.message));
        else
          reject(
            new Error(`Copydesk’s storage process stopped while starting (exit code ${code ?? 'none'}).`),
          );
      };
      handle.postMessage({ type: 'start', options: options.startOptions() }, []);
    });
  };

  const onExit = (handle: WorkerHandle, code: number | null): void => {
    if (handle !== worker) return;
    worker = null;
    for (const waiter of waiting.values()) waiter(null);
    waiting.clear();
    if (startWaiter) {
      startWaiter(null, code);
      return;
    }
    if (closing) return;
    const at = now();
    crashes.push(at);
    while (crashes.length > 0 && (crashes[0] ?? at) < at - RESTART_WINDOW_MS) crashes.shift();
    if (crashes.length > MAX_RESTARTS) {
      fatal = true;
      options.onFatal(
        `Copydesk’s storage process stopped ${crashes.length} times within a minute (last exit code ${code ?? 'none'}), so Copydesk cannot keep your work safe and is closing. Everything saved before is in the data folder.`,
      );
      return;
    }
    log(`Copydesk’s storage process stopped unexpectedly (exit code ${code ?? 'none'}); starting it again.`);
    launch().then(
      () =>
        options.onEvent('app:notice', {
          level: 'error',
          message:
            'Copydesk’s storage process stopped unexpectedly and was restarted. Your last change may not have been saved: check it, and it will be saved again as you type.',
        }),
      (error: unknown) => {
        fatal = true;
        options.onFatal(
          `Copydesk’s storage process could not be restarted: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  };

  return {
    start: launch,

    async invoke(channel, input) {
      const reply = await request(
        (id) => ({ type: 'invoke', id, channel, input }),
        // Imported images are the renderer's copy already; move them to the worker.
        transferablesOf(input),
      );
      if (reply?.type === 'reply') return reply.result;
      return {
        ok: false,
        error: { code: 'internal', message: fatal || closing ? WORKER_GONE_MESSAGE : WORKER_STOPPED_MESSAGE },
      };
    },

    async readMedia(hash) {
      const reply = await request((id) => ({ type: 'media', id, hash }));
      if (reply?.type !== 'media-reply' || !reply.media) return null;
      const media: MediaReply = reply.media;
      return {
        bytes: Buffer.from(media.bytes.buffer, media.bytes.byteOffset, media.bytes.byteLength),
        mime: media.mime,
      };
    },

    async backupNow() {
      const reply = await request((id) => ({ type: 'backup', id }));
      return reply?.type === 'backup-reply' ? reply.path : null;
    },

    async close() {
      closing = true;
      const handle = worker;
      if (!handle) return null;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timed-out'>((resolve) => {
        timer = setTimeout(() => resolve('timed-out'), CLOSE_TIMEOUT_MS);
      });
      const reply = await Promise.race([request((id) => ({ type: 'close', id })), timeout]);
      clearTimeout(timer);
      handle.kill();
      if (reply === 'timed-out')
        return `the storage process did not answer within ${CLOSE_TIMEOUT_MS / 1000} s`;
      if (reply === null) return 'the storage process stopped before it closed the database';
      return reply.type === 'closed' ? reply.error : null;
    },
  };
}
