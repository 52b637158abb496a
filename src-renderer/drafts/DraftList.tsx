// The "Drafts" list: virtualized (10,000 drafts paint as fast as 10), one tab
// stop with arrow keys between items (Enter opens), in the order the store
// returns them. It holds only the pages loaded so far and asks for the next
// one (onNearEnd) as scrolling or the arrow keys approach the end.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  ARTICLE_TYPE_LABELS,
  DRAFT_STATUS_LABELS,
  displayHeadline,
} from '../../src-shared/articleVocabulary';
import type { DraftListItem, SnippetPart } from '../../src-shared/search';
import { formatEditedAt } from '../format';
import { ROW_HEIGHT, ROW_HEIGHT_WITH_SNIPPET } from './useDraftList';

/** Rows rendered beyond the visible ones; the next page is asked for when they reach the last loaded row. */
const OVERSCAN = 6;

interface DraftListProps {
  drafts: readonly DraftListItem[];
  /** More rows exist beyond those loaded. */
  hasMore: boolean;
  onNearEnd: () => void;
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** Arrow up from the first row (back to the search box). */
  onExitTop?: () => void;
  emptyMessage: string;
}

/** Text with the matched words as <mark> elements, the rest as text nodes. Never HTML. */
function Marked({ parts }: { parts: readonly SnippetPart[] }): React.JSX.Element {
  return <>{parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

export function DraftList({
  drafts,
  hasMore,
  onNearEnd,
  selectedId,
  onOpen,
  onExitTop,
  emptyMessage,
}: DraftListProps): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);
  // The virtualizer's functions change every render by design; this component does not memoize them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: drafts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (drafts[index]?.snippet ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT),
    overscan: OVERSCAN,
    getItemKey: (index) => drafts[index]?.id ?? index,
  });

  const selectedIndex = selectedId === null ? -1 : drafts.findIndex((draft) => draft.id === selectedId);
  const tabIndexTarget = Math.min(
    drafts.length - 1,
    Math.max(0, activeIndex === 0 && selectedIndex > 0 ? selectedIndex : activeIndex),
  );

  const lastRendered = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastRendered >= drafts.length - 1) onNearEnd();
  }, [hasMore, lastRendered, drafts.length, onNearEnd]);

  useEffect(() => {
    if (!focusPending.current) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(
      `[data-index="${tabIndexTarget}"] button`,
    );
    if (button) {
      focusPending.current = false;
      button.focus();
    }
  });

  if (drafts.length === 0) {
    return (
      <div className="drafts-scroll">
        <p className="empty-state">{emptyMessage}</p>
        <ul role="list" aria-label="Drafts" className="draft-list" data-loaded={0} />
      </div>
    );
  }

  const moveTo = (index: number): void => {
    const next = Math.max(0, Math.min(drafts.length - 1, index));
    setActiveIndex(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>): void => {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: tabIndexTarget + 1,
      ArrowUp: tabIndexTarget - 1,
      PageDown: tabIndexTarget + page,
      PageUp: tabIndexTarget - page,
      Home: 0,
      End: drafts.length - 1,
    };
    if (event.key === 'ArrowUp' && tabIndexTarget === 0 && onExitTop) {
      event.preventDefault();
      onExitTop();
      return;
    }
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    }
  };

  return (
    <div className="drafts-scroll" ref={scrollRef}>
      <ul
        role="list"
        aria-label="Drafts"
        className="draft-list"
        data-loaded={drafts.length}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const draft = drafts[row.index];
          if (!draft) return null;
          const headlineId = `draft-headline-${draft.id}`;
          const selected = draft.id === selectedId;
          return (
            <li
              key={row.key}
              data-index={row.index}
              className="draft-row"
              aria-labelledby={headlineId}
              aria-setsize={hasMore ? -1 : drafts.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)`, height: row.size }}
            >
              <button
                type="button"
                className={`draft-item${selected ? ' draft-item-selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                tabIndex={row.index === tabIndexTarget ? 0 : -1}
                onFocus={() => setActiveIndex(row.index)}
                onClick={() => onOpen(draft.id)}
              >
                <span id={headlineId} className="draft-item-headline">
                  {draft.headlineParts ? (
                    <Marked parts={draft.headlineParts} />
                  ) : (
                    displayHeadline(draft.headline)
                  )}
                </span>
                {draft.snippet && (
                  <span className="draft-item-snippet">
                    <Marked parts={draft.snippet} />
                  </span>
                )}
                <span className="draft-item-details">
                  {draft.kicker.trim() !== '' && <span className="draft-item-kicker">{draft.kicker}</span>}
                  <span className="draft-item-type">{ARTICLE_TYPE_LABELS[draft.articleType]}</span>
                  <span className={`draft-status draft-status-${draft.status}`}>
                    {DRAFT_STATUS_LABELS[draft.status]}
                  </span>
                  <span className="draft-item-time">
                    <span className="visually-hidden">edited </span>
                    {formatEditedAt(draft.updatedAt)}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
