// The sidebar's "Outbox": the latest publishes with their state, so a job
// that waits for the network or failed is seen without opening its article.
import { useId } from 'react';
import { JobStatus } from './JobStatus';
import { useAnyModalOpen } from './ModalDialog';
import { isUnfinished, useOutbox } from './outboxContext';

const SHOWN_JOBS = 4;

export function OutboxPanel(): React.JSX.Element | null {
  const { jobs, problem } = useOutbox();
  const headingId = useId();
  const behindModal = useAnyModalOpen();
  // Unfinished and failed jobs first (they need attention), then the latest published or cancelled ones.
  const needsAttention = jobs.filter((job) => isUnfinished(job) || job.state === 'failed');
  const done = jobs.filter((job) => job.state === 'published' || job.state === 'cancelled');
  const shown = [...needsAttention, ...done].slice(0, SHOWN_JOBS);
  if (jobs.length === 0 && !problem) return null;
  return (
    <section className="outbox-panel" aria-labelledby={headingId} aria-hidden={behindModal || undefined}>
      <h2 id={headingId} className="outbox-title">
        Outbox
        {needsAttention.length > 0 && (
          <span className="outbox-count"> · {needsAttention.length} not published yet</span>
        )}
      </h2>
      {problem && (
        <p className="job-error" role="alert">
          {problem}
        </p>
      )}
      <ul className="outbox-jobs">
        {shown.map((job) => (
          <li key={job.id}>
            <JobStatus job={job} showArticle />
          </li>
        ))}
      </ul>
    </section>
  );
}
