// The services worker: the one place createServices runs (SQLite, image
// hashing and metadata, the publishing outbox), off the shell's thread.
// Electron forks this file with utilityProcess (process.parentPort); the
// browser shell starts it as a worker_threads Worker (parentPort of
// node:worker_threads). The code inside is the same; the protocol is
// protocol.ts. It routes every request generically: dispatch validates it.
import { parentPort as threadPort } from 'node:worker_threads';
import type { EventName } from '../../src-shared/ipc';
import { createServices, type Services } from '../services/createServices';
import { outboxOptionsFromEnv } from '../shells/outboxEnv';
import { createMirroredSecretStore } from './mirroredSecretStore';
import {
  transferablesOf,
  type FromWorker,
  type HostRequest,
  type ToWorker,
  type WorkerStartOptions,
} from './protocol';

interface ParentLink {
  post(message: FromWorker, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: ToWorker) => void): void;
}

/** Electron's utilityProcess gives the child `process.parentPort`; a worker thread has node:worker_threads'. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function connectToParent(): ParentLink {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      // A process boundary: the message is serialized either way, so there is nothing to transfer.
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToWorker)),
    };
  }
  if (threadPort) {
    const port = threadPort;
    return {
      post: (message, transfer = []) => port.postMessage(message, transfer),
      onMessage: (listener) => port.on('message', (message: ToWorker) => listener(message)),
    };
  }
  throw new Error('The Copydesk services worker must be started by a Copydesk shell.');
}

const parent = connectToParent();
let services: Services | null = null;
let nextHostId = 1;
const hostWaits = new Map<number, { resolve(): void; reject(error: Error): void }>();

function askHost(request: HostRequest): Promise<void> {
  const id = nextHostId++;
  return new Promise<void>((resolve, reject) => {
    hostWaits.set(id, { resolve, reject });
    parent.post({ type: 'host', id, request });
  });
}

function start(options: WorkerStartOptions): void {
  const persistSecret = (request: Extract<HostRequest, { op: 'secret:set' | 'secret:delete' }>): void => {
    askHost(request).catch((error: unknown) =>
      console.error('Copydesk could not store a publish target secret:', error),
    );
  };
  const publishing = outboxOptionsFromEnv(process.env);
  services = createServices({
    dataDir: options.dataDir,
    shell: options.shell,
    version: options.version,
    openExternal: (url) => askHost({ op: 'openExternal', url }),
    openPath: (path) => askHost({ op: 'openPath', path }),
    ...(options.secrets ? { secretStore: createMirroredSecretStore(options.secrets, persistSecret) } : {}),
    ...(options.documentsDir ? { documentsDir: options.documentsDir } : {}),
    ...(options.sqliteNativeBinding ? { sqliteNativeBinding: options.sqliteNativeBinding } : {}),
    ...(publishing ? { publishing } : {}),
  });
  services.events.on((name: EventName, payload: unknown) => parent.post({ type: 'event', name, payload }));
}

function closeServices(): string | null {
  try {
    services?.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const notStarted = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Copydesk’s storage is not open. Close the window and start it again.',
  },
} as const;

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'start': {
      try {
        start(message.options);
        parent.post({ type: 'ready' });
      } catch (error) {
        parent.post({
          type: 'start-failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      return;
    }
    case 'invoke': {
      const result = services ? await services.dispatch(message.channel, message.input) : notStarted;
      parent.post({ type: 'reply', id: message.id, result });
      return;
    }
    case 'media': {
      const stored = services ? await services.media.readImage(message.hash) : null;
      const media = stored ? { bytes: stored.bytes, mime: stored.mime } : null;
      // A 24 MP original is ~10 MB: move its buffer to the shell rather than copy it.
      parent.post({ type: 'media-reply', id: message.id, media }, media ? transferablesOf(media) : []);
      return;
    }
    case 'backup': {
      const path = services ? await services.backupNow() : null;
      parent.post({ type: 'backup-reply', id: message.id, path });
      return;
    }
    case 'close': {
      const error = closeServices();
      services = null;
      parent.post({ type: 'closed', id: message.id, error });
      return;
    }
    case 'host-reply': {
      const wait = hostWaits.get(message.id);
      hostWaits.delete(message.id);
      if (message.error === null) wait?.resolve();
      else wait?.reject(new Error(message.error));
      return;
    }
  }
}

parent.onMessage((message) => {
  handle(message).catch((error: unknown) => {
    console.error('The Copydesk services worker failed to handle a message:', error);
  });
});

// A bug here must not leave the database half-written: close it, then stop; the shell restarts the worker.
const crash = (what: string, error: unknown): void => {
  console.error(`The Copydesk services worker stopped after an ${what}:`, error);
  closeServices();
  process.exit(70);
};
process.on('uncaughtException', (error) => crash('unexpected error', error));
process.on('unhandledRejection', (reason) => crash('unhandled rejection', reason));
