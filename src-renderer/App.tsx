// The drafting desk: drafts on the left, the open article on the right.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft, DraftSummary } from '../src-shared/article';
import type { Notice } from '../src-shared/ipc';
import { call } from './api';
import {
  DraftSession,
  flushAllSessions,
  installFlushHook,
  openDraftSession,
  type SavedInfo,
} from './autosave/draftSession';
import { ArticlePane } from './article/ArticlePane';
import { DraftList } from './drafts/DraftList';
import { ImportControls } from './import/ImportControls';
import { TrashList } from './drafts/TrashList';
import { NoticeBanner } from './NoticeBanner';
import { QuitGuard } from './autosave/QuitGuard';
import { StorageBanner } from './autosave/StorageBanner';
import { OutboxPanel } from './publish/OutboxPanel';
import { useJobSettled } from './publish/outboxContext';
import { PublishTargetsDialog } from './publish/PublishTargetsDialog';
import { UndoToast, type ToastState } from './UndoToast';
import { useLiveNotices } from './useLiveNotices';

/** Drafts fetched before the rest of a long list: more than one screen holds. */
const FIRST_SCREEN_DRAFTS = 60;

const SEARCH_DEBOUNCE_MS = 200;

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
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [trash, setTrash] = useState<DraftSummary[] | null>(null);
  const [view, setView] = useState<'drafts' | 'trash'>('drafts');
  const [query, setQuery] = useState('');
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
  const queryRef = useRef('');
  const closeToast = useCallback(() => setToast(null), []);

  const onSaved = useCallback((info: SavedInfo) => {
    setDrafts((current) => {
      if (current === null) return current;
      const index = current.findIndex((d) => d.id === info.id);
      if (index === -1) return current;
      const previous = current[index]!;
      const updated: DraftSummary = {
        ...previous,
        headline: info.meta.headline,
        articleType: info.meta.articleType,
        updatedAt: info.updatedAt,
        wordCount: info.wordCount,
        status: previous.status === 'published' ? 'changed' : previous.status,
      };
      const next = current.slice();
      next.splice(index, 1);
      next.unshift(updated);
      return next;
    });
  }, []);

  const loadList = useCallback(async (search: string, limit?: number): Promise<DraftSummary[] | null> => {
    const trimmed = search.trim();
    const result = await call('drafts:list', {
      ...(trimmed === '' ? {} : { query: trimmed }),
      ...(limit === undefined ? {} : { limit }),
    });
    if (!result.ok) {
      setProblem(result.error.message);
      return null;
    }
    if (queryRef.current.trim() !== trimmed) return null;
    setDrafts(result.value.drafts);
    return result.value.drafts;
  }, []);

  // Publishing changes a draft's status label ("Published", "Changed since publish").
  useJobSettled(useCallback(() => void loadList(queryRef.current), [loadList]));

  const openDraft = useCallback(
    async (id: string, focusHeadline = false): Promise<void> => {
      const current = openRef.current;
      if (current?.draft.id === id) return;
      if (current) void current.session.close();
      const result = await call('drafts:get', { id });
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
      setDrafts(
        (current) =>
          current?.map((d) =>
            d.id === draft.id
              ? { ...d, status: draft.status, headline: draft.meta.headline, updatedAt: draft.updatedAt }
              : d,
          ) ?? null,
      );
      const current = openRef.current;
      if (!reload || current?.draft.id !== draft.id) return;
      void current.session.close();
      setOpen({ draft, session: new DraftSession(draft, onSaved), focusHeadline: false });
    },
    [onSaved, setOpen],
  );

  useEffect(() => {
    installFlushHook();
    void (async () => {
      // The first screenful paints at once; a long list follows without holding it up.
      const [info, list] = await Promise.all([call('app:info', {}), loadList('', FIRST_SCREEN_DRAFTS)]);
      if (info.ok) setNotices(info.value.notices);
      else setProblem(info.error.message);
      if (list && list.length === FIRST_SCREEN_DRAFTS && queryRef.current.trim() === '') void loadList('');
      const newest = list?.[0];
      if (newest && openRef.current === null) await openDraft(newest.id);
    })();
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
  }, [loadList, openDraft]);

  useEffect(() => {
    queryRef.current = query;
    const timer = window.setTimeout(() => void loadList(query), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, loadList]);

  const createDraft = async (): Promise<void> => {
    await openRef.current?.session.flush();
    const result = await call('drafts:create', {});
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setView('drafts');
    setQuery('');
    queryRef.current = '';
    const draft = result.value;
    setDrafts((current) => [summaryOf(draft), ...(current ?? []).filter((d) => d.id !== draft.id)]);
    if (openRef.current) void openRef.current.session.close();
    setProblem(null);
    setOpen({ draft, session: new DraftSession(draft, onSaved), focusHeadline: true });
  };

  const openImported = useCallback(
    async (id: string): Promise<void> => {
      setView('drafts');
      setQuery('');
      queryRef.current = '';
      await loadList('');
      await openDraft(id);
    },
    [loadList, openDraft],
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
    setDrafts(remaining);
    setOpen(null);
    const title = current.session.getMeta().headline.trim() || 'Untitled';
    setToast({ message: `“${title}” moved to the trash.`, draftId: current.draft.id });
    const next = remaining[0];
    if (next) await openDraft(next.id);
  };

  const restore = async (id: string): Promise<void> => {
    const result = await call('drafts:restore', { id });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setToast(null);
    setTrash((current) => current?.filter((d) => d.id !== id) ?? null);
    await loadList(queryRef.current);
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
    const result = await call('drafts:list', { trash: true });
    if (result.ok) setTrash(newestFirst(result.value.drafts));
    else setProblem(result.error.message);
  };

  const emptyMessage =
    query.trim() !== '' ? `No drafts match “${query.trim()}”.` : 'No drafts yet — start one with New draft.';

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
              <input
                type="search"
                className="search"
                aria-label="Search drafts"
                placeholder="Search drafts"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
              {drafts === null ? (
                <p className="empty-state">Opening your drafts…</p>
              ) : (
                <DraftList
                  drafts={drafts}
                  selectedId={open?.draft.id ?? null}
                  onOpen={(id) => void openDraft(id)}
                  emptyMessage={emptyMessage}
                />
              )}
              <OutboxPanel />
              <div className="drafts-footer">
                <button type="button" className="quiet" onClick={() => void showTrash()}>
                  Trash
                </button>
                <button type="button" className="quiet" onClick={() => setTargetsOpen(true)}>
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
            <ArticlePane
              key={`${open.draft.id}:${open.draft.revision}`}
              draft={open.draft}
              session={open.session}
              focusHeadline={open.focusHeadline}
              onDelete={() => void deleteOpenDraft()}
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
      {targetsOpen && <PublishTargetsDialog onClose={() => setTargetsOpen(false)} />}
      <QuitGuard />
    </div>
  );
}
