// One outbox job as the editor sees it: its state label ("Queued", "Sending",
// "Retrying", "Failed", "Published"), what it is doing or why it waits, the
// published link, and "Retry now" where a retry applies.
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
  const detail = detailOf(job, showArticle);

  const retry = async (): Promise<void> => {
    setRetrying(true);
    const result = await call('outbox:retry', { jobId: job.id });
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
      {(job.state === 'failed' || job.state === 'retrying') && job.lastError && (
        <p className={job.state === 'failed' ? 'job-error' : 'job-detail'}>
          {job.state === 'failed' ? job.lastError : `Last attempt: ${job.lastError}`}
        </p>
      )}
      {job.state === 'published' && job.url && (
        <>
          <PublishedLink url={job.url} compact={showArticle} />
          {job.lastError && <p className="job-warning">{job.lastError}</p>}
        </>
      )}
      {canRetry && (
        <button type="button" disabled={retrying} onClick={() => void retry()}>
          Retry now
        </button>
      )}
      {retryProblem && (
        <p className="job-error" role="alert">
          {retryProblem}
        </p>
      )}
    </div>
  );
}
