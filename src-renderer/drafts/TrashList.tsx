import type { DraftSummary } from '../../src-shared/article';
import { displayHeadline } from '../../src-shared/articleVocabulary';
import { formatEditedAt } from '../format';

interface TrashListProps {
  drafts: readonly DraftSummary[] | null;
  onRestore: (id: string) => void;
  onPurge: (id: string) => void;
}

export function TrashList({ drafts, onRestore, onPurge }: TrashListProps): React.JSX.Element {
  if (drafts === null) return <p className="empty-state">Opening the trash…</p>;
  return (
    <div className="drafts-scroll">
      {drafts.length === 0 && (
        <p className="empty-state">The trash is empty. Deleted drafts wait here until you restore them.</p>
      )}
      <ul role="list" aria-label="Trash" className="trash-list">
        {drafts.map((draft) => {
          const headlineId = `trash-headline-${draft.id}`;
          return (
            <li key={draft.id} className="trash-item" aria-labelledby={headlineId}>
              <span id={headlineId} className="draft-item-headline">
                {displayHeadline(draft.headline)}
              </span>
              <span className="draft-item-details">
                Deleted {draft.deletedAt === null ? '' : formatEditedAt(draft.deletedAt)}
              </span>
              <span className="trash-actions">
                <button type="button" aria-describedby={headlineId} onClick={() => onRestore(draft.id)}>
                  Restore
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-describedby={headlineId}
                  onClick={() => onPurge(draft.id)}
                >
                  Delete forever
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
