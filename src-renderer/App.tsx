// The drafting desk: drafts on the left, the open article on the right.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft, DraftSummary } from '../src-shared/article';
import type { Notice } from '../src-shared/ipc';
import type { DraftCursor } from '../src-shared/search';
import { MAX_PAGE_SIZE } from '../src-shared/searchVocabulary';
import { call } from './api';
import { DraftSession, flushAllSessions, installFlushHook, openDraftSession } from './autosave/draftSession';
import { LazyArticlePane, loadArticlePane } from './article/lazyArticlePane';
import { DraftsBrowser } from './drafts/DraftsBrowser';
import { ImportControls } from './import/ImportControls';
import { TrashList } from './drafts/TrashList';
import { useDraftList } from './drafts/useDraftList';
import { NoticeBanner } from './NoticeBanner';
import { QuitGuard } from './autosave/QuitGuard';
import { StorageBanner } from './autosave/StorageBanner';
import { OutboxPanel } from './publish/OutboxPanel';
import { useJobSettled } from './publish/outboxContext';
import { LazyPublishTargetsDialog, loadPublishTargetsDialog } from './publish/lazyPublishTargetsDialog';
import { UndoToast, type ToastState } from './UndoToast';
import { useLiveNotices } from './useLiveNotices';

interface OpenDraft {
  draft: Draft;
  session: DraftSession;
  focusHeadline: boolean;
}

function summaryOf(draft: Draft, wordCount = 0): DraftSummary {
  return {
    id: draft.id,
    headline: draft.meta.headline,
    articleType: draft.meta.articleType,
    status: draft.status,
    updatedAt: draft.updatedAt,
    deletedAt: draft.deletedAt,
    wordCount,
  };
}

function newestFirst(drafts: DraftSummary[]): DraftSummary[] {
  return drafts.sort((a, b) => b.updatedAt - a.updatedAt);
}

export function App(): React.JSX.Element {
  const [notices, setNotices] = useState<Notice[]>([]);
  useLiveNotices(useCallback((notice: Notice) => setNotices((current) => [...current, notice]), []));
  const [trash, setTrash] = useState<DraftSummary[] | null>(null);
  const [view, setView] = useState<'drafts' | 'trash'>('drafts');
  const [open, setOpenState] = useState<OpenDraft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastState | null>(null);
  const [targetsOpen, setTargetsOpen] = useState(false);
  // Async flows (switching, deleting) need the open draft as of now, not as of their render.
  const openRef = useRef<OpenDraft | null>(null);
  const setOpen = useCallback((next: OpenDraft | null) => {
    openRef.current = next;
    setOpenState(next);
  }, []);
  const closeToast = useCallback(() => setToast(null), []);
  const list = useDraftList(setProblem);
  const drafts = list.items;
  const onSaved = list.saved;

  // Publishing changes a draft's status label ("Published", "Changed since publish").
  useJobSettled(list.refresh);

  const openDraft = useCallback(
    async (id: string, focusHeadline = false): Promise<void> => {
      const current = openRef.current;
      if (current?.draft.id === id) return;
      if (current) void current.session.close();
      // The editor's chunk loads while the draft is read, and the draft opens when both are there, so the
      // pane renders at once rather than suspending (see lazyChunk.tsx). A chunk that fails to load shows
      // in the pane's own boundary; one that takes over a second, in its loading state.
      const [result] = await Promise.all([call('drafts:get', { id }), loadArticlePane()]);
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      setProblem(null);
      // A session of this draft still retrying its save is picked up, with its newer text.
      setOpen({ ...openDraftSession(result.value, onSaved), focusHeadline });
    },
    [onSaved, setOpen],
  );

  // History and the Status combobox changed the stored draft; a restore (reload) opens it afresh.
  const onDraftChanged = useCallback(
    (draft: Draft, reload: boolean) => {
      list.refresh();
      const current = openRef.current;
      if (!reload || current?.draft.id !== draft.id) return;
      void current.session.close();
      setOpen({ draft, session: new DraftSession(draft, onSaved), focusHeadline: false });
    },
    [list, onSaved, setOpen],
  );

  useEffect(() => {
    installFlushHook();
    void call('app:info', {}).then((info) => {
      if (info.ok) setNotices(info.value.notices);
      else setProblem(info.error.message);
    });
    const flushNow = (): void => void flushAllSessions();
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    window.addEventListener('blur', flushNow);
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', flushNow);
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  // The list's first answer opens its newest draft, once.
  const openedFirst = useRef(false);
  useEffect(() => {
    if (openedFirst.current || drafts === null) return;
    openedFirst.current = true;
    const newest = drafts[0];
    if (newest && openRef.current === null) void openDraft(newest.id);
  }, [drafts, openDraft]);

  const createDraft = async (): Promise<void> => {
    await openRef.current?.session.flush();
    // As in openDraft: the editor's chunk loads meanwhile, so the new draft's pane renders at once.
    const [result] = await Promise.all([call('drafts:create', {}), loadArticlePane()]);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setView('drafts');
    list.showAll();
    const draft = result.value;
    list.added(summaryOf(draft), draft.meta.kicker);
    if (openRef.current) void openRef.current.session.close();
    setProblem(null);
    setOpen({ draft, session: new DraftSession(draft, onSaved), focusHeadline: true });
  };

  const openImported = useCallback(
    async (id: string): Promise<void> => {
      setView('drafts');
      // The import stored a new draft: show the whole list again, fetched afresh.
      list.showAll();
      list.refresh();
      await openDraft(id);
    },
    [list, openDraft],
  );

  const deleteOpenDraft = async (): Promise<void> => {
    const current = openRef.current;
    if (!current) return;
    await current.session.close();
    const result = await call('drafts:delete', { id: current.draft.id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    const remaining = (drafts ?? []).filter((d) => d.id !== current.draft.id);
    list.removed(current.draft.id);
    setOpen(null);
    const title = current.session.getMeta().headline.trim() || 'Untitled';
    setToast({ message: `“${title}” moved to the trash.`, draftId: current.draft.id });
    const next = remaining[0];
    if (next) await openDraft(next.id);
  };

  // A stable handler, so the memoized article pane does not re-render when the app does.
  const deleteOpenDraftRef = useRef(deleteOpenDraft);
  useEffect(() => {
    deleteOpenDraftRef.current = deleteOpenDraft;
  });
  const onDeleteOpenDraft = useCallback(() => void deleteOpenDraftRef.current(), []);

  const restore = async (id: string): Promise<void> => {
    const result = await call('drafts:restore', { id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setToast(null);
    setTrash((current) => current?.filter((d) => d.id !== id) ?? null);
    list.refresh();
    await openDraft(id);
  };

  const purge = async (id: string): Promise<void> => {
    const result = await call('drafts:purge', { id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setTrash((current) => current?.filter((d) => d.id !== id) ?? null);
  };

  const showTrash = async (): Promise<void> => {
    setView('trash');
    setTrash(null);
    // The trash is short-lived and shown whole: every page of it, newest deletion first.
    const all: DraftSummary[] = [];
    let after: DraftCursor | undefined;
    do {
      const result = await call('drafts:list', {
        trash: true,
        limit: MAX_PAGE_SIZE,
        ...(after ? { after } : {}),
      });
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      all.push(...result.value.drafts);
      after = result.value.next ?? undefined;
    } while (after);
    setTrash(newestFirst(all));
  };

  return (
    <div className="desk">
      <NoticeBanner notices={notices} onDismiss={() => setNotices([])} />
      <StorageBanner />
      <div className="columns">
        <nav className="drafts-panel" aria-label="Drafts panel">
          <div className="drafts-header">
            <h1 className="app-name">Copydesk</h1>
            <button type="button" className="primary" onClick={() => void createDraft()}>
              New draft
            </button>
          </div>
          <ImportControls openDraftId={open?.draft.id ?? null} onImported={openImported} />
          {view === 'drafts' ? (
            <>
              <DraftsBrowser
                list={list}
                selectedId={open?.draft.id ?? null}
                onOpen={(id) => void openDraft(id)}
              />
              <OutboxPanel />
              <div className="drafts-footer">
                <button type="button" className="quiet" onClick={() => void showTrash()}>
                  Trash
                </button>
                <button
                  type="button"
                  className="quiet"
                  onClick={() => void loadPublishTargetsDialog().then(() => setTargetsOpen(true))}
                >
                  Publish targets
                </button>
              </div>
            </>
          ) : (
            <>
              <h2 className="panel-title">Trash</h2>
              <TrashList
                drafts={trash}
                onRestore={(id) => void restore(id)}
                onPurge={(id) => void purge(id)}
              />
              <div className="drafts-footer">
                <button type="button" className="quiet" onClick={() => setView('drafts')}>
                  Back to drafts
                </button>
              </div>
            </>
          )}
        </nav>
        <main className="article-column">
          {problem && (
            <div className="problem" role="alert">
              {problem}
              <button type="button" className="quiet" onClick={() => setProblem(null)}>
                Dismiss
              </button>
            </div>
          )}
          {open ? (
            <LazyArticlePane
              key={`${open.draft.id}:${open.draft.revision}`}
              draft={open.draft}
              session={open.session}
              focusHeadline={open.focusHeadline}
              onDelete={onDeleteOpenDraft}
              onDraftChanged={onDraftChanged}
            />
          ) : (
            drafts !== null && (
              <div className="no-article">
                <p>
                  {drafts.length === 0
                    ? 'Your article will appear here. It is saved as you type.'
                    : 'Pick a draft on the left, or start one with New draft.'}
                </p>
              </div>
            )
          )}
        </main>
      </div>
      <div className="toast-region" aria-live="polite">
        {toast && <UndoToast toast={toast} onUndo={(id) => void restore(id)} onClose={closeToast} />}
      </div>
      {targetsOpen && <LazyPublishTargetsDialog onClose={() => setTargetsOpen(false)} />}
      <QuitGuard />
    </div>
  );
}
