// Inside the Publish dialog: when the chosen target already holds this
// article and someone changed it on the site since Copydesk published it,
// says so, shows their changes (the History diff view) and asks: "Keep site
// changes" (their text becomes a History version) or "Overwrite site".
import { useEffect, useState } from 'react';
import type { SiteCheck } from '../../src-shared/ipc';
import { call } from '../api';
import { diffFields, type ArticleField } from './articleDiff';
import { DiffView } from './DiffView';

function fieldsOf(copy: { title: string; excerpt: string; text: string }): ArticleField[] {
  return [
    { key: 'title', label: 'Title', text: copy.title },
    { key: 'excerpt', label: 'Excerpt', text: copy.excerpt },
    { key: 'text', label: 'Text', text: copy.text },
  ];
}

export function SiteChangesNotice({
  draftId,
  targetId,
}: {
  draftId: string;
  targetId: string;
}): React.JSX.Element | null {
  const [result, setResult] = useState<{ targetId: string; check: SiteCheck } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (targetId === '') return;
    let live = true;
    void call('site:check', { draftId, targetId }).then((answer) => {
      if (!live) return;
      if (answer.ok) setResult({ targetId, check: answer.value });
      else setProblem(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [draftId, targetId, round]);

  const resolve = async (choice: 'keep' | 'overwrite'): Promise<void> => {
    setBusy(true);
    setProblem(null);
    const answer = await call('site:resolve', { draftId, targetId, choice });
    setBusy(false);
    if (!answer.ok) {
      setProblem(answer.error.message);
      return;
    }
    setDone(
      choice === 'keep'
        ? `The site’s version is in History as “${answer.value.label ?? 'Site changes'}”. Open History to compare it with your article or restore it; “Publish now” sends the article as it is in the editor.`
        : '“Publish now” replaces the site’s changes with your article.',
    );
    setRound((n) => n + 1);
  };

  const check = result?.targetId === targetId ? result.check : null;
  return (
    <div className="site-changes-slot" aria-live="polite">
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {done && <p className="site-changes-done">{done}</p>}
      {check?.state === 'unreachable' && (
        <p className="field-hint">Copydesk could not compare with the site first: {check.message}</p>
      )}
      {check?.state === 'changed' && (
        <section className="site-changes" aria-label="Site changes">
          <p role="alert">
            <strong>Someone changed this article on the site</strong> since Copydesk published it. Their
            changes are below.
          </p>
          <DiffView
            changes={diffFields(fieldsOf(check.published), fieldsOf(check.site))}
            olderName="what Copydesk published"
            newerName="the site"
          />
          <div className="site-changes-actions">
            <button type="button" disabled={busy} onClick={() => void resolve('keep')}>
              Keep site changes
            </button>
            <button
              type="button"
              className="danger-quiet"
              disabled={busy}
              onClick={() => void resolve('overwrite')}
            >
              Overwrite site
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
