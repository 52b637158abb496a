// Wires the one IPC channel to the services worker. Every call's sender must be
// the main frame of our window on the app origin (host/shellHost.ts); the
// worker's dispatch validates the input. No channel is known here by name.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../src-shared/ipc';
import { isTrustedSender as isTrusted, UNTRUSTED_SENDER_MESSAGE } from '../host/shellHost';
import { ELECTRON_APP_ORIGIN } from '../shells/appOrigin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './invokeChannel';

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  const frame = event.senderFrame;
  return isTrusted(
    {
      fromMainWindow: window !== undefined && !window.isDestroyed() && event.sender === window.webContents,
      fromMainFrame: frame !== null && frame.parent === null,
      url: frame?.url ?? '',
    },
    ELECTRON_APP_ORIGIN,
  );
}

export function registerInvokeHandler(
  invoke: (channel: unknown, input: unknown) => Promise<Result<unknown>>,
  mainWindow: () => BrowserWindow | undefined,
): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event, mainWindow())) throw new Error(UNTRUSTED_SENDER_MESSAGE);
    return invoke(channel, input);
  });
}

/** Pushes an event to the window's renderer (the preload hands it to its subscribers). */
export function sendEvent(window: BrowserWindow | undefined, name: string, payload: unknown): void {
  if (!window || window.isDestroyed()) return;
  window.webContents.send(EVENT_CHANNEL, name, payload);
}
