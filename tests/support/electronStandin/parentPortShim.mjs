/* global process -- Node globals (the lint config gives them to .ts files only) */
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
process.on('message', (message) => {
  if (message && message.__standinParentPort === true) {
    parentPort.emit('message', { data: message.data, ports: [] });
  }
});
// A 'message' listener on process keeps the child alive, as Electron's utility process stays alive
// until it exits or is killed; when the parent goes away, so does the child.
process.on('disconnect', () => process.exit(0));

Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: true, configurable: false });
