// The browser shell's services worker: a Node worker_threads Worker running the
// same built entry Electron forks with utilityProcess (out/main/services-worker.js).
import { Worker } from 'node:worker_threads';
import type { FromWorker, WorkerHandle } from '../worker/protocol';

export function spawnThreadWorker(entry: string): WorkerHandle {
  const worker = new Worker(entry, { name: 'Copydesk services' });
  // An uncaught error ends the thread; 'exit' follows and the services host decides what happens.
  worker.on('error', (error) => console.error('Copydesk’s storage worker failed:', error));
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', (message: FromWorker) => listener(message)),
    onExit: (listener) => worker.once('exit', (code) => listener(code)),
    kill: () => void worker.terminate(),
  };
}
