// Sandboxed preload: the only bridge between the page and the main process.
// It exposes one frozen object and forwards each call to a single IPC
// channel; the main process checks the sender frame and validates the input.
// Only `electron` may be imported here (a sandboxed preload has no require).
import { contextBridge, ipcRenderer } from 'electron';
import type { CopydeskBridge } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/define';
import { INVOKE_CHANNEL } from '../electron/invokeChannel';

const bridge: CopydeskBridge = Object.freeze({
  shell: 'electron' as const,
  invoke: (channel: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>,
});

contextBridge.exposeInMainWorld('copydesk', bridge);
