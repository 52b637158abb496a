// The workflow status of the open draft: combobox "Status" (a native select,
// so arrow keys and typing a letter work). Scheduled asks for the date and
// time of the embargo before it is set. Published and Changed since publish
// are shown, not chosen: publishing and editing set them.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  DRAFT_STATUSES,
  DRAFT_STATUS_LABELS,
  SETTABLE_STATUSES,
  type Draft,
  type DraftStatus,
  type SettableStatus,
} from '../../src-shared/article';
import { call } from '../api';
import type { DraftSession } from '../autosave/draftSession';
import { useJobSettled } from '../publish/outboxContext';
import { formatScheduled, fromLocalInput, toLocalInput } from './historyFormat';

interface StatusFieldProps {
  draft: Draft;
  session: DraftSession;
  disabled: boolean;
  onStatusChanged(draft: Draft): void;
}

function isSettable(status: DraftStatus): status is SettableStatus {
  return (SETTABLE_STATUSES as readonly string[]).includes(status);
}

export function StatusField({
  draft,
  session,
  disabled,
  onStatusChanged,
}: StatusFieldProps): React.JSX.Element {
  const [status, setStatus] = useState<DraftStatus>(draft.status);
  const [scheduledAt, setScheduledAt] = useState<number | null>(draft.scheduledAt);
  const [choosingTime, setChoosingTime] = useState(false);
  const [when, setWhen] = useState(() => toLocalInput(draft.scheduledAt ?? Date.now() + 3_600_000));
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { status: useId(), when: useId(), hint: useId() };

  const refresh = useCallback(async () => {
    const result = await call('drafts:get', { id: draft.id });
    if (result.ok) {
      setStatus(result.value.status);
      setScheduledAt(result.value.scheduledAt);
    }
  }, [draft.id]);
  // Publishing sets Published (or Changed since publish) when its job is done.
  useJobSettled(useCallback((job) => void (job.draftId === draft.id && refresh()), [draft.id, refresh]));
  // A stored edit after publishing makes it "Changed since publish" (the store does the same).
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getState().kind === 'saved')
          setStatus((current) => (current === 'published' ? 'changed' : current));
      }),
    [session],
  );

  // Arrow keys change a select at every press: show each choice at once, and
  // let only the answer to the latest request set the shown status.
  const latest = useRef(0);
  const apply = async (next: SettableStatus, at: number | null): Promise<void> => {
    const request = ++latest.current;
    const previous = status;
    setProblem(null);
    setStatus(next);
    await session.flush();
    const result = await call('workflow:setStatus', { draftId: draft.id, status: next, scheduledAt: at });
    if (request !== latest.current) return;
    if (!result.ok) {
      setStatus(previous);
      setProblem(result.error.message);
      return;
    }
    setStatus(result.value.status);
    setScheduledAt(result.value.scheduledAt);
    setChoosingTime(false);
    onStatusChanged(result.value);
  };

  const onSelect = (value: DraftStatus): void => {
    if (!isSettable(value)) return;
    if (value === 'scheduled') {
      setChoosingTime(true);
      return;
    }
    setChoosingTime(false);
    void apply(value, null);
  };

  const selected: DraftStatus = choosingTime ? 'scheduled' : status;
  return (
    <div className="status-field">
      <label className="field-label" htmlFor={ids.status}>
        Status
      </label>
      <select
        id={ids.status}
        value={selected}
        disabled={disabled}
        aria-describedby={ids.hint}
        onChange={(event) => onSelect(event.target.value as DraftStatus)}
      >
        {DRAFT_STATUSES.map((value) => (
          <option key={value} value={value} disabled={!isSettable(value) && value !== status}>
            {DRAFT_STATUS_LABELS[value]}
          </option>
        ))}
      </select>
      <span id={ids.hint} className="field-hint">
        {status === 'scheduled' && scheduledAt !== null && !choosingTime
          ? `Embargoed until ${formatScheduled(scheduledAt)}`
          : ''}
      </span>
      {choosingTime && (
        <div className="status-schedule">
          <label className="field-label" htmlFor={ids.when}>
            Scheduled for
          </label>
          <input
            id={ids.when}
            type="datetime-local"
            value={when}
            onChange={(event) => setWhen(event.target.value)}
          />
          <button
            type="button"
            onClick={() => {
              const at = fromLocalInput(when);
              if (at === null) setProblem('Enter the date and time the article may go live.');
              else void apply('scheduled', at);
            }}
          >
            Set schedule
          </button>
          <button type="button" className="quiet" onClick={() => setChoosingTime(false)}>
            Keep {DRAFT_STATUS_LABELS[status]}
          </button>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
