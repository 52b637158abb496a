// The Electron IPC channels; shared by the preload and the main process so each
// name is written once. Holds no imports: the sandboxed preload bundles it.
/** Requests: ipcRenderer.invoke(INVOKE_CHANNEL, channel, input). */
export const INVOKE_CHANNEL = 'copydesk:invoke';
/** Pushed events: webContents.send(EVENT_CHANNEL, name, payload). */
export const EVENT_CHANNEL = 'copydesk:event';
