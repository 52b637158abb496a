// The Electron shell's services worker: a utilityProcess running the same built
// entry the browser shell starts as a worker thread (out/main/services-worker.js).
import { utilityProcess } from 'electron';
import type { FromWorker, WorkerHandle } from '../worker/protocol';

export function spawnUtilityWorker(entry: string): WorkerHandle {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Copydesk services', stdio: 'inherit' });
  return {
    // Between processes every message is serialized, so transfer lists do not apply.
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromWorker) => listener(message)),
    onExit: (listener) => child.once('exit', (code: number) => listener(code)),
    kill: () => void child.kill(),
  };
}
