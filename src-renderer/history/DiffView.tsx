// A word-level diff of an older text against a newer one (a History version
// against the current article, or what Copydesk published against the site), field by
// field. Insertions and deletions are <ins>/<del> and also say so in words
// ("inserted", "deleted") for screen readers, never colour alone.
import type { FieldChange } from './articleDiff';

export interface DiffViewProps {
  changes: FieldChange[];
  /** "the version of 14:02", "what Copydesk published" */
  olderName: string;
  /** "the current article", "the site" */
  newerName: string;
}

export function DiffView({ changes, olderName, newerName }: DiffViewProps): React.JSX.Element {
  if (changes.length === 0) {
    return (
      <p className="diff-empty">
        No differences between {olderName} and {newerName}.
      </p>
    );
  }
  return (
    <div className="diff-view">
      <p className="diff-legend">
        {changes.length === 1 ? '1 field differs' : `${changes.length} fields differ`} between {olderName} and{' '}
        {newerName}. <del>Deleted</del> text is only in {olderName}; <ins>inserted</ins> text is only in{' '}
        {newerName}.
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
