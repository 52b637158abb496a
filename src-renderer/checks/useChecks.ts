// Runs the checks of the open article whenever it changes: a body edit (a
// Lexical update listener, nothing more on the keystroke) or a field edit
// restarts a short timer; when it fires the body is serialized once and sent
// to the services. One run at a time; edits during a run cause one more.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import type { ChannelOutput } from '../../src-shared/ipc';
import { call } from '../api';
import { findBodyEditor } from './bodyEditor';

/** Quiet time after the last keystroke before checking. */
export const CHECK_DEBOUNCE_MS = 40;

export type ChecksResult = ChannelOutput<'checks:run'>;

export interface ChecksState {
  result: ChecksResult | null;
  running: boolean;
  error: string | null;
  /** Checks again now (after a dictionary or ignore change). */
  refresh(): void;
}

export function useChecks(draftId: string, meta: ArticleMeta, suggestLimit: number): ChecksState {
  const [result, setResult] = useState<ChecksResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const metaRef = useRef(meta);
  const limitRef = useRef(suggestLimit);
  const state = useRef({ timer: 0, inFlight: false, again: false, disposed: false });

  const run = useCallback(async (): Promise<void> => {
    const s = state.current;
    if (s.inFlight) {
      s.again = true;
      return;
    }
    const bodyEditor = findBodyEditor();
    if (!bodyEditor) return;
    s.inFlight = true;
    setRunning(true);
    try {
      do {
        s.again = false;
        const editorState = bodyEditor.getEditorState().toJSON() as unknown as { root: SerializedNodeLike };
        const body = JSON.stringify(wrapEditorState(editorState));
        const response = await call('checks:run', {
          draftId,
          meta: metaRef.current,
          body,
          suggestLimit: limitRef.current,
        });
        if (s.disposed) return;
        if (response.ok) {
          const value = response.value;
          // A low-priority render: a keystroke arriving meanwhile is painted first.
          startTransition(() => {
            setResult(value);
            setError(null);
          });
        } else {
          setError(response.error.message);
        }
      } while (s.again && !s.disposed);
    } finally {
      s.inFlight = false;
      if (!s.disposed) setRunning(false);
    }
  }, [draftId]);

  const schedule = useCallback(() => {
    const s = state.current;
    window.clearTimeout(s.timer);
    s.timer = window.setTimeout(() => void run(), CHECK_DEBOUNCE_MS);
  }, [run]);

  useEffect(() => {
    const s = state.current;
    s.disposed = false;
    const bodyEditor = findBodyEditor();
    // The first run right after mount (a timer: run() sets state).
    s.timer = window.setTimeout(() => void run(), 0);
    const unregister = bodyEditor?.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule();
    });
    return () => {
      s.disposed = true;
      window.clearTimeout(s.timer);
      unregister?.();
    };
  }, [run, schedule]);

  useEffect(() => {
    if (metaRef.current === meta && limitRef.current === suggestLimit) return;
    metaRef.current = meta;
    limitRef.current = suggestLimit;
    schedule();
  }, [meta, suggestLimit, schedule]);

  return { result, running, error, refresh: () => void run() };
}
