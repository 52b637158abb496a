// The browser shell's services worker: a Node worker_threads Worker running the
// same built entry Electron forks with utilityProcess (out/main/services-worker.js).
//
// The handle may be created before anyone listens (the browser shell starts the
// thread first thing, while its launcher is still loading playwright-core): a
// message or an exit that comes before its listener is kept and handed over
// when the listener is attached, so nothing the worker says is lost.
import { Worker } from 'node:worker_threads';
import type { FromWorker, WorkerHandle } from '../worker/protocol';

export function spawnThreadWorker(entry: string): WorkerHandle {
  const worker = new Worker(entry, { name: 'Copydesk services' });
  // An uncaught error ends the thread; 'exit' follows and the services host decides what happens.
  worker.on('error', (error) => console.error('Copydesk’s storage worker failed:', error));
  const early: FromWorker[] = [];
  let messageListener: ((message: FromWorker) => void) | null = null;
  let exitListener: ((code: number) => void) | null = null;
  let exitCode: number | null = null;
  worker.on('message', (message: FromWorker) => {
    if (messageListener) messageListener(message);
    else early.push(message);
  });
  worker.once('exit', (code) => {
    exitCode = code;
    exitListener?.(code);
  });
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => {
      messageListener = listener;
      for (const message of early.splice(0)) listener(message);
    },
    onExit: (listener) => {
      exitListener = listener;
      if (exitCode !== null) listener(exitCode);
    },
    kill: () => void worker.terminate(),
  };
}
