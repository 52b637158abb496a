/* global process, queueMicrotask -- Node globals (the lint config gives them to .ts files only) */
// Loaded with --import into a utility process the electron stand-in forks
// (child_process.fork): gives the child Electron's `process.parentPort`, a
// MessagePortMain-like emitter whose 'message' events carry `{ data, ports }`
// and whose postMessage reaches the parent's UtilityProcess 'message' event.
// Messages are structured-cloned (fork's 'advanced' serialization).
import { EventEmitter } from 'node:events';

if (typeof process.send !== 'function') {
  throw new Error('parentPortShim.mjs only runs in a process forked by the electron stand-in.');
}

const send = process.send.bind(process);

class ParentPort extends EventEmitter {
  postMessage(message, transfer) {
    if (transfer && transfer.length > 0) {
      throw new Error('The electron stand-in cannot transfer MessagePortMain objects to the parent.');
    }
    send({ __standinParentPort: true, data: message });
  }
  start() {}
  close() {}
}

const parentPort = new ParentPort();
// Like Electron's parentPort (a MessagePortMain), messages that arrive before the child has a
// 'message' listener are queued, not dropped: the app's main module may still be loading.
const queued = [];
parentPort.on('newListener', (event) => {
  if (event !== 'message' || queued.length === 0) return;
  queueMicrotask(() => {
    while (queued.length > 0 && parentPort.listenerCount('message') > 0) {
      parentPort.emit('message', queued.shift());
    }
  });
});
process.on('message', (message) => {
  if (message && message.__standinParentPort === true) {
    const event = { data: message.data, ports: [] };
    if (parentPort.listenerCount('message') > 0) parentPort.emit('message', event);
    else queued.push(event);
  }
});
// A 'message' listener on process keeps the child alive, as Electron's utility process stays alive
// until it exits or is killed; when the parent goes away, so does the child.
process.on('disconnect', () => process.exit(0));

Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: true, configurable: false });
