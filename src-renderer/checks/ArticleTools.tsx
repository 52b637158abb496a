// The article toolbar's "Checks", "Preview" and "Export" buttons and what
// they open. The Checks panel stays open across edits and updates as you type.
import { useState } from 'react';
import type { ArticleMeta } from '../../src-shared/article';
import { ExportDialog } from '../export/ExportDialog';
import { PreviewDialog } from '../preview/PreviewDialog';
import { ChecksPanel } from './ChecksPanel';

interface ArticleToolsProps {
  draftId: string;
  meta: ArticleMeta;
  readOnly: boolean;
  flush(): Promise<void>;
  onMetaChange(change: Partial<ArticleMeta>): void;
}

export function ArticleTools({
  draftId,
  meta,
  readOnly,
  flush,
  onMetaChange,
}: ArticleToolsProps): React.JSX.Element {
  const [checksOpen, setChecksOpen] = useState(false);
  const [dialog, setDialog] = useState<'preview' | 'export' | null>(null);
  return (
    <div className="article-tools">
      <button type="button" aria-expanded={checksOpen} onClick={() => setChecksOpen((open) => !open)}>
        Checks
      </button>
      <button type="button" disabled={readOnly} onClick={() => setDialog('preview')}>
        Preview
      </button>
      <button type="button" disabled={readOnly} onClick={() => setDialog('export')}>
        Export
      </button>
      {checksOpen && (
        <ChecksPanel
          draftId={draftId}
          meta={meta}
          readOnly={readOnly}
          onMetaChange={onMetaChange}
          onClose={() => setChecksOpen(false)}
        />
      )}
      {dialog === 'preview' && (
        <PreviewDialog draftId={draftId} flush={flush} onClose={() => setDialog(null)} />
      )}
      {dialog === 'export' && (
        <ExportDialog draftId={draftId} flush={flush} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
