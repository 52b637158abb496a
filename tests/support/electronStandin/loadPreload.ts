// Runs a built preload (.cjs) the way Electron runs a sandboxed preload: in
// its own context, wrapped in a function that receives a `require` which
// only knows `electron` (contextBridge, ipcRenderer) and `events`. Records
// what it exposes and every ipcRenderer call; `invoke` is forwarded to the
// given function (a spec passes one that reaches the stand-in main process).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

export interface Exposure {
  world: 'main' | 'isolated';
  key: string;
  api: unknown;
}

export interface IpcCall {
  method: string;
  channel: unknown;
  args: unknown[];
}

export interface PreloadRun {
  exposures: Exposure[];
  ipcCalls: IpcCall[];
  /** Module names the preload asked `require` for. */
  requires: string[];
  /** The stand-in ipcRenderer: a spec can emit events on it as the main process would send them. */
  ipcRenderer: EventEmitter;
}

/** Modules Electron's sandboxed preload `require` provides besides `electron`. */
const SANDBOX_MODULES: Record<string, unknown> = { events: { EventEmitter, default: EventEmitter } };

export function loadPreload(
  path: string,
  invoke: (channel: unknown, ...args: unknown[]) => Promise<unknown>,
  send: (channel: unknown, ...args: unknown[]) => void = () => undefined,
): PreloadRun {
  const run: PreloadRun = { exposures: [], ipcCalls: [], requires: [], ipcRenderer: new EventEmitter() };
  const ipcRenderer = run.ipcRenderer as unknown as Record<string, unknown>;
  const recordCall = (method: string, channel: unknown, args: unknown[]): void => {
    run.ipcCalls.push({ method, channel, args });
  };
  ipcRenderer.invoke = (channel: unknown, ...args: unknown[]) => {
    recordCall('invoke', channel, args);
    return invoke(channel, ...args);
  };
  ipcRenderer.send = (channel: unknown, ...args: unknown[]) => {
    recordCall('send', channel, args);
    send(channel, ...args);
  };
  for (const method of ['sendSync', 'sendToHost', 'postMessage'] as const) {
    ipcRenderer[method] = (channel: unknown, ...args: unknown[]) => recordCall(method, channel, args);
  }
  for (const method of [
    'on',
    'once',
    'addListener',
    'off',
    'removeListener',
    'removeAllListeners',
  ] as const) {
    const original = EventEmitter.prototype[method] as (...args: unknown[]) => unknown;
    ipcRenderer[method] = (channel: unknown, ...args: unknown[]) => {
      recordCall(method, channel, args);
      return original.call(run.ipcRenderer, channel, ...args);
    };
  }
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      run.exposures.push({ world: 'main', key, api });
    },
    exposeInIsolatedWorld(_worldId: number, key: string, api: unknown) {
      run.exposures.push({ world: 'isolated', key, api });
    },
  };
  const electron = { contextBridge, ipcRenderer };
  const sandboxRequire = (name: string): unknown => {
    run.requires.push(name);
    if (name === 'electron' || name === 'electron/renderer') return electron;
    if (name in SANDBOX_MODULES) return SANDBOX_MODULES[name];
    throw new Error(
      `module not found: ${name} (a sandboxed preload can only require electron, events, timers, url)`,
    );
  };
  const sandboxProcess = {
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
    platform: process.platform,
    env: {},
    versions: {},
  };
  const context = vm.createContext({ console });
  const wrapped = vm.runInContext(
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${readFileSync(path, 'utf8')}\n})`,
    context,
    { filename: path },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapped(
    sandboxRequire,
    sandboxProcess,
    Buffer,
    context,
    setImmediate,
    clearImmediate,
    module.exports,
    module,
  );
  return run;
}
