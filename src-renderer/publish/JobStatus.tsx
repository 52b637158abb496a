// One outbox job as the editor sees it: its state label ("Queued", "Sending",
// "Retrying", "Failed", "Published", "Cancelled"), what it is doing or why it
// waits, the published link, "Retry now" where a retry applies and "Cancel
// publish" while it has not gone out.
import { useState } from 'react';
import type { PublishJob } from '../../src-shared/ipc/publishChannels';
import { call } from '../api';
import { useOutbox } from './outboxContext';
import { PublishedLink } from './PublishedLink';

export function formatClockTime(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (sameDay) return time;
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

function detailOf(job: PublishJob, compact: boolean): string | null {
  switch (job.state) {
    case 'queued':
      return job.attempts === 0 ? 'Waiting to be sent.' : 'Waiting to be sent again.';
    case 'sending':
      return job.step ? `${job.step.label}…` : 'Starting…';
    case 'retrying':
      return compact
        ? `Next attempt at ${formatClockTime(job.nextAttemptAt)}.`
        : `Next attempt at ${formatClockTime(job.nextAttemptAt)}; Copydesk tries again by itself and never posts twice.`;
    case 'failed':
    case 'published':
    case 'cancelled':
      return null;
  }
}

interface JobStatusProps {
  job: PublishJob;
  /** Shows the headline and target (the sidebar's Outbox); the Publish dialog knows both already. */
  showArticle?: boolean;
}

export function JobStatus({ job, showArticle = false }: JobStatusProps): React.JSX.Element {
  const { refresh, remember } = useOutbox();
  const [retryProblem, setRetryProblem] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const canRetry = job.state === 'retrying' || job.state === 'failed';
  const canCancel = job.state === 'queued' || job.state === 'retrying' || job.state === 'failed';
  const detail = detailOf(job, showArticle);

  const act = async (channel: 'outbox:retry' | 'outbox:cancel'): Promise<void> => {
    setRetrying(true);
    const result = await call(channel, { jobId: job.id });
    setRetrying(false);
    if (result.ok) {
      setRetryProblem(null);
      remember(result.value);
    } else {
      setRetryProblem(result.error.message);
    }
    await refresh();
  };

  return (
    <div className={`job job-${job.state}`} data-job-id={job.id}>
      {showArticle && (
        <p className="job-article">
          <span className="job-headline">{job.headline.trim() || 'Untitled'}</span>
          <span className="job-target"> → {job.targetName}</span>
        </p>
      )}
      <p className="job-state-line">
        <span className={`job-state job-state-${job.state}`}>{job.stateLabel}</span>
        {job.scheduledAt !== null && job.state !== 'failed' && (
          <span className="job-scheduled"> · goes live {formatClockTime(job.scheduledAt)}</span>
        )}
      </p>
      {detail && <p className="job-detail">{detail}</p>}
      {job.state === 'sending' && job.step && (
        <progress
          className="job-progress"
          max={job.step.total}
          value={Math.max(0, job.step.index - 1)}
          aria-label={job.step.label}
        />
      )}
      {(job.state === 'failed' || job.state === 'retrying' || job.state === 'cancelled') && job.lastError && (
        <p className={job.state === 'failed' ? 'job-error' : 'job-detail'}>
          {job.state === 'retrying' ? `Last attempt: ${job.lastError}` : job.lastError}
        </p>
      )}
      {job.state === 'published' && job.url && (
        <>
          <PublishedLink url={job.url} compact={showArticle} />
          {job.lastError && <p className="job-warning">{job.lastError}</p>}
        </>
      )}
      {(canRetry || canCancel) && (
        <div className="job-actions">
          {canRetry && (
            <button type="button" disabled={retrying} onClick={() => void act('outbox:retry')}>
              Retry now
            </button>
          )}
          {canCancel && (
            <button
              type="button"
              className="quiet"
              disabled={retrying}
              onClick={() => void act('outbox:cancel')}
            >
              Cancel publish
            </button>
          )}
        </div>
      )}
      {retryProblem && (
        <p className="job-error" role="alert">
          {retryProblem}
        </p>
      )}
    </div>
  );
}
