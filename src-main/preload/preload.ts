// Sandboxed preload: the only bridge between the page and the main process.
// It exposes one frozen object: invoke() forwards each request to a single
// IPC channel (the main process checks the sender frame and the worker
// validates the input); on() subscribes to the events the services push
// (the renderer validates each payload, src-renderer/api.ts).
// Only `electron` may be imported here (a sandboxed preload has no require).
import { contextBridge, ipcRenderer } from 'electron';
import type { CopydeskBridge } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/define';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../electron/invokeChannel';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`A listener of ${name} failed:`, error);
    }
  }
});

const bridge: CopydeskBridge = Object.freeze({
  shell: 'electron' as const,
  invoke: (channel: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>,
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (typeof event !== 'string' || typeof listener !== 'function') return () => undefined;
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  },
});

contextBridge.exposeInMainWorld('copydesk', bridge);
