// A word-level diff of an older version against the current article, field by
// field. Insertions and deletions are <ins>/<del> and also say so in words
// ("inserted", "deleted") for screen readers, never colour alone.
import type { FieldChange } from './articleDiff';

export function DiffView({ changes, when }: { changes: FieldChange[]; when: string }): React.JSX.Element {
  if (changes.length === 0) {
    return <p className="diff-empty">The version of {when} is the same as the current article.</p>;
  }
  return (
    <div className="diff-view">
      <p className="diff-legend">
        {changes.length === 1 ? '1 field differs' : `${changes.length} fields differ`} between the version of{' '}
        {when} and the current article. <del>Deleted</del> text is only in that version; <ins>inserted</ins>{' '}
        text is only in the current article.
      </p>
      {changes.map((change) => (
        <section key={change.key} className="diff-field" aria-label={change.label}>
          <h4>{change.label}</h4>
          <p className={change.key === 'body' ? 'diff-text diff-body' : 'diff-text'}>
            {change.parts.map((part, index) =>
              part.kind === 'same' ? (
                <span key={index}>{part.text}</span>
              ) : part.kind === 'inserted' ? (
                <ins key={index}>
                  <span className="visually-hidden">[inserted: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : (
                <del key={index}>
                  <span className="visually-hidden">[deleted: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </del>
              ),
            )}
          </p>
        </section>
      ))}
    </div>
  );
}
