// The page's view of the Electron shell under the stand-in: the preload the
// main process configured for its window, loaded as a sandboxed preload
// (loadPreload.ts), with ipcRenderer.invoke carried to the stand-in main
// process as a call from a chosen frame. Specs call `bridge.invoke(...)`
// exactly as the renderer calls window.copydesk.invoke.
import type { Result } from '../../../src-shared/ipc/define';
import { EXPECTED_BRIDGE_GLOBAL } from './bridgeSurface';
import { loadPreload, type PreloadRun } from './loadPreload';
import type { RunningMain } from './launchMain';

export interface FrameChoice {
  /** Which web contents sends (default: the app window's). */
  webContentsId?: number;
  /** The sending frame's URL (default: whatever the web contents loaded). */
  frameUrl?: string;
  /** Send from a sub-frame of that web contents instead of its main frame. */
  subFrame?: boolean;
  /** The sending frame is gone by the time the call arrives (Electron's senderFrame is null). */
  frameGone?: boolean;
}

export interface InvokeOutcome {
  /** true when ipcRenderer.invoke resolved; false when it rejected (message as the page sees it). */
  ok: boolean;
  value?: unknown;
  message?: string;
}

export interface Bridge {
  preloadPath: string;
  run: PreloadRun;
  /** The object the preload exposed as window.copydesk. */
  api: { invoke(channel: string, input?: unknown): Promise<Result<unknown>> } & Record<string, unknown>;
  /** window.copydesk.invoke from the app window's main frame; rejects as the page's promise would. */
  invoke(channel: unknown, input?: unknown): Promise<Result<unknown>>;
  /** The same call from another frame or web contents; never rejects. */
  invokeFrom(frame: FrameChoice, channel: unknown, input?: unknown): Promise<InvokeOutcome>;
}

export async function bridgeFor(main: RunningMain): Promise<Bridge> {
  const { webContentsId } = await main.windowLoaded();
  const created = await main.waitFor('BrowserWindow.new');
  const preloadPath = (created.options as { webPreferences: { preload: string } }).webPreferences.preload;
  let frame: FrameChoice = {};
  const sender = () => ({
    webContentsId: frame.webContentsId ?? webContentsId,
    frameUrl: frame.frameUrl,
    subFrame: frame.subFrame ?? false,
    frameGone: frame.frameGone ?? false,
  });
  const run = loadPreload(
    preloadPath,
    async (ipcChannel, ...args) => {
      const outcome = await main.op<InvokeOutcome>('invoke', { ...sender(), channel: ipcChannel, args });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.value;
    },
    (ipcChannel, ...args) => {
      void main.op('send', { ...sender(), channel: ipcChannel, args });
    },
  );
  // What the main process sends to the app window arrives as ipcRenderer events, as in Electron.
  main.onPush((push) => {
    if (push.webContentsId !== webContentsId) return;
    run.ipcRenderer.emit(push.channel, { sender: run.ipcRenderer, senderId: 0, ports: [] }, ...push.args);
  });
  const exposed = run.exposures.find((exposure) => exposure.key === EXPECTED_BRIDGE_GLOBAL);
  if (!exposed) throw new Error(`The preload exposed no window.${EXPECTED_BRIDGE_GLOBAL}`);
  const api = exposed.api as Bridge['api'];
  const invokeFrom = async (
    choice: FrameChoice,
    channel: unknown,
    input?: unknown,
  ): Promise<InvokeOutcome> => {
    frame = choice;
    try {
      return { ok: true, value: await api.invoke(channel as string, input) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      frame = {};
    }
  };
  return {
    preloadPath,
    run,
    api,
    invoke: (channel, input) => api.invoke(channel as string, input),
    invokeFrom,
  };
}
