// "Search drafts", the sort order, the filters and the "Drafts" list under
// them. Typing searches as you type; the rows on screen stay until the new
// ones arrive. Arrow Down from the search box moves into the results, Arrow
// Up from the first result comes back, Enter opens.
import { useEffect, useId, useRef, useState } from 'react';
import {
  ARTICLE_TYPE_LABELS,
  ARTICLE_TYPES,
  DRAFT_STATUS_LABELS,
  DRAFT_STATUSES,
  type ArticleType,
  type DraftStatus,
} from '../../src-shared/articleVocabulary';
import type { DraftFilters } from '../../src-shared/search';
import { DRAFT_SORT_LABELS, DRAFT_SORTS, type DraftSort } from '../../src-shared/searchVocabulary';
import { call } from '../api';
import { DraftList } from './DraftList';
import type { DraftListState } from './useDraftList';
import './drafts.css';

/** "2026-03-01" (an <input type=date> value) as local midnight, epoch ms; `days` later when given. */
function localMidnight(value: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
}

function dateValue(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  const date = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function activeFilterCount(filters: DraftFilters): number {
  return Object.values(filters).filter((value) => value !== undefined).length;
}

interface DraftsBrowserProps {
  list: DraftListState;
  selectedId: string | null;
  onOpen: (id: string) => void;
}

export function DraftsBrowser({ list, selectedId, onOpen }: DraftsBrowserProps): React.JSX.Element {
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const query = list.query.trim();
  const filterCount = activeFilterCount(list.filters);

  const onSearchKeyDown = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'ArrowDown') return;
    const first = listRef.current?.querySelector<HTMLButtonElement>('.draft-list button[tabindex="0"]');
    if (first) {
      event.preventDefault();
      first.focus();
    }
  };

  let emptyMessage = 'No drafts yet — start one with New draft.';
  if (query !== '' && filterCount > 0) emptyMessage = `No drafts match “${query}” with these filters.`;
  else if (query !== '') emptyMessage = `No drafts match “${query}”.`;
  else if (filterCount > 0) emptyMessage = 'No drafts match these filters.';

  return (
    <>
      <div className="search-row">
        <input
          ref={searchRef}
          type="search"
          className="search"
          aria-label="Search drafts"
          placeholder="Search drafts"
          value={list.query}
          onChange={(event) => list.setQuery(event.target.value)}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      <div className="list-controls">
        <label className="sort-control">
          <span>Sort by</span>
          <select
            aria-label="Sort by"
            value={query === '' ? 'edited' : list.sort}
            disabled={query === ''}
            title={query === '' ? 'Without a search, drafts are listed by last edit' : undefined}
            onChange={(event) => list.setSort(event.target.value as DraftSort)}
          >
            {DRAFT_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {DRAFT_SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="quiet"
          aria-expanded={filtersOpen}
          aria-controls={filtersId}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          {filterCount === 0 ? 'Filters' : `Filters (${filterCount})`}
        </button>
      </div>
      {filtersOpen && (
        <FiltersPanel
          id={filtersId}
          filters={list.filters}
          onChange={(filters) => list.setFilters(filters)}
        />
      )}
      <p className="visually-hidden" role="status">
        {list.narrowed && list.items !== null
          ? `${list.items.length}${list.hasMore ? ' or more' : ''} ${list.items.length === 1 && !list.hasMore ? 'draft' : 'drafts'} found`
          : ''}
      </p>
      {list.items === null ? (
        <p className="empty-state">Opening your drafts…</p>
      ) : (
        <div className="drafts-browser-list" ref={listRef}>
          <DraftList
            drafts={list.items}
            hasMore={list.hasMore}
            onNearEnd={list.loadMore}
            selectedId={selectedId}
            onOpen={onOpen}
            onExitTop={() => searchRef.current?.focus()}
            emptyMessage={emptyMessage}
          />
        </div>
      )}
    </>
  );
}

interface FiltersPanelProps {
  id: string;
  filters: DraftFilters;
  onChange: (filters: DraftFilters) => void;
}

function FiltersPanel({ id, filters, onChange }: FiltersPanelProps): React.JSX.Element {
  const [sections, setSections] = useState<{ kicker: string; count: number }[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void call('drafts:sections', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSections(result.value.sections);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  const set = (changes: Partial<DraftFilters>): void => {
    const next: DraftFilters = { ...filters, ...changes };
    for (const key of Object.keys(next) as (keyof DraftFilters)[]) {
      if (next[key] === undefined) delete next[key];
    }
    onChange(next);
  };
  // editedBefore is the midnight after the chosen day; noon of the day before it is that day.
  const editedTo =
    filters.editedBefore === undefined ? undefined : filters.editedBefore - 12 * 60 * 60 * 1000;
  const kickers = sections?.map((s) => s.kicker) ?? [];
  if (filters.kicker !== undefined && !kickers.includes(filters.kicker)) kickers.unshift(filters.kicker);

  return (
    <div className="filters" id={id} role="group" aria-label="Filters">
      <label>
        <span>Status</span>
        <select
          aria-label="Filter by status"
          value={filters.status ?? ''}
          onChange={(event) =>
            set({ status: event.target.value === '' ? undefined : (event.target.value as DraftStatus) })
          }
        >
          <option value="">Any status</option>
          {DRAFT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {DRAFT_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Type</span>
        <select
          aria-label="Filter by article type"
          value={filters.articleType ?? ''}
          onChange={(event) =>
            set({
              articleType: event.target.value === '' ? undefined : (event.target.value as ArticleType),
            })
          }
        >
          <option value="">Any type</option>
          {ARTICLE_TYPES.map((type) => (
            <option key={type} value={type}>
              {ARTICLE_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Section</span>
        <select
          aria-label="Filter by section"
          value={filters.kicker ?? ''}
          onChange={(event) => set({ kicker: event.target.value === '' ? undefined : event.target.value })}
        >
          <option value="">Any section</option>
          {kickers.map((kicker) => (
            <option key={kicker} value={kicker}>
              {kicker}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Edited from</span>
        <input
          type="date"
          aria-label="Edited from"
          value={dateValue(filters.editedFrom)}
          onChange={(event) => set({ editedFrom: localMidnight(event.target.value) })}
        />
      </label>
      <label>
        <span>Edited to</span>
        <input
          type="date"
          aria-label="Edited to"
          value={dateValue(editedTo)}
          onChange={(event) => set({ editedBefore: localMidnight(event.target.value, 1) })}
        />
      </label>
      {problem && <p className="filters-problem">{problem}</p>}
      <button
        type="button"
        className="quiet"
        onClick={() => onChange({})}
        disabled={activeFilterCount(filters) === 0}
      >
        Clear filters
      </button>
    </div>
  );
}
