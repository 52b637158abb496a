// The sidebar's "Import" button (a file picker for .docx, .html/.htm, .md and
// the images of a saved page) and the drop target on the drafts list; after
// an import the new draft opens and its report is shown. "Import report"
// reopens the report of the open draft when it was imported.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportReport } from '../../src-shared/import/report';
import { call } from '../api';
import { filesFromDrop, filesFromInput, type PickedFile } from './collectFiles';
import { ImportReportDialog } from './ImportReportDialog';
import { runImport } from './runImport';
import './import.css';

export interface ImportControlsProps {
  /** The draft open in the editor (its report, if any, can be reopened). */
  openDraftId: string | null;
  /** Called with each new draft's id; the last one is opened. */
  onImported(draftId: string): Promise<void> | void;
}

const ACCEPT = '.docx,.html,.htm,.md,.markdown,image/jpeg,image/png,image/gif,image/webp,image/avif';

function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

export function ImportControls({ openDraftId, onImported }: ImportControlsProps): React.JSX.Element {
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [shown, setShown] = useState<ImportReport | null>(null);
  const [openReport, setOpenReport] = useState<ImportReport | null>(null);
  const busy = progress !== null;
  const busyRef = useRef(false);

  useEffect(() => {
    let current = true;
    // A report of another draft is never shown: the button checks the draft id.
    if (openDraftId === null) return;
    void call('import:report', { draftId: openDraftId }).then((result) => {
      if (current && result.ok) setOpenReport(result.value.report);
    });
    return () => {
      current = false;
    };
  }, [openDraftId]);

  const start = useCallback(
    async (files: PickedFile[]) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setProblems([]);
      setProgress('Preparing the import…');
      try {
        const outcome = await runImport(files, setProgress);
        setProblems(outcome.problems);
        const last = outcome.imported[outcome.imported.length - 1];
        for (const { draft } of outcome.imported) await onImported(draft.id);
        if (last) {
          setOpenReport(last.report);
          setShown(last.report);
        }
      } finally {
        busyRef.current = false;
        setProgress(null);
      }
    },
    [onImported],
  );

  // Dropping files on the drafts list (the sidebar) imports them too.
  useEffect(() => {
    const panel = rootRef.current?.closest('nav');
    if (!panel) return;
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      panel.classList.add('import-drop-target');
    };
    const onDragLeave = (event: DragEvent): void => {
      if (event.relatedTarget instanceof Node && panel.contains(event.relatedTarget)) return;
      panel.classList.remove('import-drop-target');
    };
    const onDrop = (event: DragEvent): void => {
      panel.classList.remove('import-drop-target');
      if (!event.dataTransfer || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      void filesFromDrop(event.dataTransfer).then(start);
    };
    panel.addEventListener('dragover', onDragOver);
    panel.addEventListener('dragleave', onDragLeave);
    panel.addEventListener('drop', onDrop);
    return () => {
      panel.removeEventListener('dragover', onDragOver);
      panel.removeEventListener('dragleave', onDragLeave);
      panel.removeEventListener('drop', onDrop);
    };
  }, [start]);

  return (
    <div className="import-bar" ref={rootRef}>
      <button
        type="button"
        onClick={() => inputRef.current?.click()}
        disabled={busy}
        title="Import a Word document, a saved web page (with its _files folder’s images) or a Markdown file; or drop them on the drafts list"
      >
        Import
      </button>
      {openReport && openReport.draftId === openDraftId && (
        <button type="button" className="quiet" onClick={() => setShown(openReport)}>
          Import report
        </button>
      )}
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(event) => {
          const files = filesFromInput(event.target.files);
          event.target.value = '';
          void start(files);
        }}
      />
      <div role="status" className="import-status">
        {progress}
      </div>
      {problems.length > 0 && (
        <div role="alert" className="import-problems">
          {problems.map((problem, index) => (
            <p key={index}>{problem}</p>
          ))}
          <button type="button" className="quiet" onClick={() => setProblems([])}>
            Dismiss
          </button>
        </div>
      )}
      {shown && <ImportReportDialog report={shown} onClose={() => setShown(null)} />}
    </div>
  );
}
