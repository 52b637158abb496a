// The single Electron IPC channel; shared by the preload and ipcMain so the
// name is written once. Holds no imports: the sandboxed preload bundles it.
export const INVOKE_CHANNEL = 'copydesk:invoke';
