// The "Publish" dialog: pick the target ("Publish to": preselected where this
// article was published last, so publishing again updates that article; the
// default target only for an article never published), see the offline
// checklist (blocking findings first, each one a jump to its place), an
// optional time to go live, "Publish now", then the job's progress and the
// link "View published article" — or why it waits.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Finding } from '../../src-shared/checks/prePublishChecks';
import type { PublishJob, TargetSummary } from '../../src-shared/ipc/publishChannels';
import { call } from '../api';
import { JobStatus } from './JobStatus';
import { focusHandOff, ModalDialog } from './ModalDialog';
import { useOutbox } from './outboxContext';
import { PublishTargetsDialog } from './PublishTargetsDialog';
import { SaveWaitNotice } from '../autosave/StorageBanner';
import { SiteChangesNotice } from '../history/SiteChangesNotice';

interface CheckState {
  findings: Finding[];
  blocking: boolean;
}

interface PublishDialogProps {
  draftId: string;
  /** Stores what the editor typed, so the checks and the snapshot see it. */
  flush(): Promise<void>;
  onClose(): void;
  /** Closes the dialog and moves focus to the place of a finding. */
  onJump(finding: Finding): void;
}

/** "2026-03-01T09:30" (the datetime-local value) → epoch ms in local time; null when empty or invalid. */
export function parsePublishAt(value: string): number | null {
  if (value.trim() === '') return null;
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? time : null;
}

function FindingList({
  title,
  hint,
  findings,
  className,
  onJump,
}: {
  title: string;
  hint: string;
  findings: Finding[];
  className: string;
  onJump(finding: Finding): void;
}): React.JSX.Element | null {
  const headingId = useId();
  if (findings.length === 0) return null;
  return (
    <section className={`findings ${className}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="findings-hint">{hint}</span>
      </h3>
      <ul>
        {findings.map((finding, index) => (
          <li key={`${finding.id}-${index}`}>
            <button type="button" className="finding" onClick={() => onJump(finding)}>
              {finding.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PublishDialog({ draftId, flush, onClose, onJump }: PublishDialogProps): React.JSX.Element {
  const { jobs, refresh, remember } = useOutbox();
  const [targets, setTargets] = useState<TargetSummary[] | null>(null);
  const [targetId, setTargetId] = useState<string>('');
  /** The target this article was published to most recently (still existing), if any. */
  const [lastTargetId, setLastTargetId] = useState<string | null>(null);
  const [check, setCheck] = useState<CheckState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [publishAt, setPublishAt] = useState('');
  const [startedJobId, setStartedJobId] = useState<string | null>(null);
  const [startedJob, setStartedJob] = useState<PublishJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [editingTargets, setEditingTargets] = useState(false);
  /** When "Publish at" was last compared with the clock (set on edit and before publishing). */
  const [checkedAt, setCheckedAt] = useState(() => Date.now());
  const ids = { target: useId(), targetHint: useId(), publishAt: useId(), publishAtHint: useId() };

  // The owner passes a new flush function on every render; the checks must not rerun for that.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });

  const runCheck = useCallback(
    async (forTarget: string): Promise<void> => {
      setCheck(null);
      await flushRef.current();
      const result = await call('publish:check', { draftId, ...(forTarget ? { targetId: forTarget } : {}) });
      if (result.ok) setCheck(result.value);
      else setProblem(result.error.message);
    },
    [draftId],
  );

  const loadTargets = useCallback(
    async (keepId: string | null): Promise<void> => {
      const listed = await call('targets:list', {});
      if (!listed.ok) {
        setProblem(listed.error.message);
        setTargets([]);
        return;
      }
      setTargets(listed.value.targets);
      const published = await call('publish:publications', { draftId });
      const exists = (id: string): boolean => listed.value.targets.some((target) => target.id === id);
      // Publications come latest first; a removed target is skipped.
      const last = published.ok
        ? (published.value.publications.find((publication) => exists(publication.targetId))?.targetId ?? null)
        : null;
      setLastTargetId(last);
      const chosen =
        listed.value.targets.find((target) => target.id === keepId) ??
        listed.value.targets.find((target) => target.id === last) ??
        listed.value.targets.find((target) => target.isDefault) ??
        listed.value.targets[0];
      setTargetId(chosen?.id ?? '');
      await runCheck(chosen?.id ?? '');
    },
    [runCheck, draftId],
  );

  useEffect(() => {
    void Promise.resolve().then(() => loadTargets(null));
  }, [loadTargets]);

  const blocking = check?.findings.filter((finding) => finding.severity === 'blocking') ?? [];
  const warnings = check?.findings.filter((finding) => finding.severity === 'warning') ?? [];
  const scheduledAt = parsePublishAt(publishAt);
  const scheduleInPast = scheduledAt !== null && scheduledAt <= checkedAt;
  const canPublish = check !== null && !check.blocking && targetId !== '' && !starting && !scheduleInPast;

  const publishNow = async (): Promise<void> => {
    if (scheduledAt !== null && scheduledAt <= Date.now()) {
      setCheckedAt(Date.now());
      return;
    }
    setStarting(true);
    setProblem(null);
    await flushRef.current();
    const result = await call('publish:start', {
      draftId,
      targetId,
      scheduledAt,
    });
    setStarting(false);
    if (!result.ok) {
      setProblem(result.error.message);
      // The article may have changed since the checklist ran: show what blocks it now.
      void runCheck(targetId);
      return;
    }
    remember(result.value);
    setStartedJob(result.value);
    setStartedJobId(result.value.id);
    await refresh();
  };

  const jump = (finding: Finding): void => {
    focusHandOff.pending = true;
    onJump(finding);
  };

  const currentJob = startedJobId ? (jobs.find((job) => job.id === startedJobId) ?? startedJob) : null;
  const earlierJobs = jobs.filter((job) => job.draftId === draftId && job.id !== startedJobId).slice(0, 3);

  return (
    <ModalDialog title="Publish" onClose={onClose} className="publish-dialog">
      <div className="field">
        <label className="field-label" htmlFor={ids.target}>
          Publish to
        </label>
        <div className="publish-to-row">
          <select
            id={ids.target}
            value={targetId}
            aria-describedby={lastTargetId !== null ? ids.targetHint : undefined}
            disabled={targets === null || targets.length === 0}
            onChange={(event) => {
              setTargetId(event.target.value);
              void runCheck(event.target.value);
            }}
          >
            {targets?.length === 0 && <option value="">No targets</option>}
            {targets?.map((target) => (
              <option key={target.id} value={target.id}>
                {`${target.name === target.kindLabel ? target.name : `${target.name} (${target.kindLabel})`}${target.isDefault ? ' — default' : ''}`}
              </option>
            ))}
          </select>
          <button type="button" className="quiet" onClick={() => setEditingTargets(true)}>
            Edit targets
          </button>
        </div>
        {targets?.length === 0 && (
          <span className="field-hint">Add a target with “Edit targets” to publish this article.</span>
        )}
        {lastTargetId !== null && (
          <span id={ids.targetHint} className="field-hint">
            {lastTargetId === targetId
              ? 'This article was last published here; publishing again updates it.'
              : `This article was last published to “${targets?.find((target) => target.id === lastTargetId)?.name ?? 'another target'}”; this target gets a separate copy.`}
          </span>
        )}
      </div>

      <SaveWaitNotice />
      <div className="checklist" aria-live="polite">
        {check === null ? (
          <p className="checklist-running">Checking the article…</p>
        ) : (
          <>
            {blocking.length === 0 && warnings.length === 0 && (
              <p className="checklist-ok">✓ All checks passed.</p>
            )}
            <FindingList
              title="Fix before publishing"
              hint="(click one to go there)"
              findings={blocking}
              className="findings-blocking"
              onJump={jump}
            />
            <FindingList
              title="Worth a look"
              hint="(you can publish anyway)"
              findings={warnings}
              className="findings-warning"
              onJump={jump}
            />
          </>
        )}
      </div>

      <SiteChangesNotice draftId={draftId} targetId={targetId} />

      <div className="field publish-at">
        <label className="field-label" htmlFor={ids.publishAt}>
          Publish at
        </label>
        <input
          id={ids.publishAt}
          type="datetime-local"
          value={publishAt}
          aria-describedby={ids.publishAtHint}
          onChange={(event) => {
            setPublishAt(event.target.value);
            setCheckedAt(Date.now());
          }}
        />
        <span id={ids.publishAtHint} className={scheduleInPast ? 'field-hint form-error' : 'field-hint'}>
          {scheduleInPast
            ? 'That time has passed. Choose a later one, or clear it to publish at once.'
            : scheduledAt !== null
              ? 'The article is sent now and goes live at this time (where the target supports it).'
              : 'Optional. Leave empty to go live at once.'}
        </span>
      </div>

      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}

      <div className="publish-actions">
        <button type="button" className="primary" disabled={!canPublish} onClick={() => void publishNow()}>
          Publish now
        </button>
        {check?.blocking && <span className="publish-blocked-note">Fix the problems above to publish.</span>}
      </div>

      {currentJob && (
        <section className="publish-progress" aria-label="Publishing progress" aria-live="polite">
          <JobStatus job={currentJob} />
        </section>
      )}

      {earlierJobs.length > 0 && (
        <section className="publish-history" aria-label="Earlier publishes of this article">
          <h3>Earlier publishes of this article</h3>
          {earlierJobs.map((job) => (
            <JobStatus key={job.id} job={job} showArticle />
          ))}
        </section>
      )}
      {editingTargets && (
        <PublishTargetsDialog
          onClose={() => {
            setEditingTargets(false);
            void loadTargets(targetId);
          }}
        />
      )}
    </ModalDialog>
  );
}
