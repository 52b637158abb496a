// Wires the one IPC channel to the services. Every call's sender must be the
// main frame of our window on the app origin; dispatch validates the input.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../services/dispatch';
import { ELECTRON_APP_ORIGIN, isOnAppOrigin } from '../shells/appOrigin';
import { INVOKE_CHANNEL } from './invokeChannel';

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOnAppOrigin(frame.url, ELECTRON_APP_ORIGIN);
}

export function registerInvokeHandler(dispatch: Dispatch, mainWindow: () => BrowserWindow | undefined): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event, mainWindow())) {
      throw new Error('Copydesk only answers requests from its own main window.');
    }
    return dispatch(channel, input);
  });
}
