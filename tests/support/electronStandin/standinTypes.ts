// What a spec can tell the electron stand-in (COPYDESK_STANDIN_CONFIG) and
// what it writes to its journal. The stand-in itself is electron.mjs.

export interface StandinConfig {
  /** safeStorage: whether encryption is available and (Linux) which backend Chromium picked. */
  safeStorage?: { available?: boolean; backend?: 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'kwallet6' };
  /** How the page answers webContents.executeJavaScript: at once (default), never, or with an error. */
  executeJavaScript?: 'answer' | 'never' | 'reject';
  /** The value an answering page returns (default 'flushed'). */
  executeJavaScriptAnswer?: unknown;
  executeJavaScriptDelayMs?: number;
  isPackaged?: boolean;
  /** app.getPath('documents'); defaults to ~/Documents. */
  documentsDir?: string;
  /** Any other app.getPath names. */
  paths?: Record<string, string>;
  preferredLanguages?: string[];
  spellCheckerLanguages?: string[];
  /** The button index dialog.showMessageBox(Sync) answers with. */
  messageBoxResponse?: number;
  saveDialog?: { canceled: boolean; filePath?: string };
  openDialog?: { canceled: boolean; filePaths: string[] };
}

/** One recorded call or event: `kind` names it (e.g. "BrowserWindow.new", "dialog.showErrorBox"). */
export interface JournalEntry {
  seq: number;
  t: number;
  pid: number;
  kind: string;
  [field: string]: unknown;
}
