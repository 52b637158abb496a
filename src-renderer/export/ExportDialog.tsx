// "Export": the stored article as HTML (the publish renderer, images
// alongside), Markdown (front matter for the fields) or a Word document.
// The services write into the export folder and the dialog says where.
import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat } from '../../src-shared/ipc/exportChannels';
import { call } from '../api';
import { ModalDialog } from '../publish/ModalDialog';

interface Done {
  format: ExportFormat;
  file: string;
  folder: string;
}

export function ExportDialog({
  draftId,
  flush,
  onClose,
}: {
  draftId: string;
  flush(): Promise<void>;
  onClose(): void;
}): React.JSX.Element {
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('export:location', {}).then((result) => {
      if (result.ok) setFolder(result.value.folder);
    });
  }, []);

  const run = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      await flush();
    } catch {
      // Exports the last stored version; the save status says why saving failed.
    }
    const result = await call('export:article', { draftId, format });
    setBusy(null);
    if (result.ok) setDone({ format, file: result.value.file, folder: result.value.folder });
    else setError(result.error.message);
  };

  const openFolder = async (): Promise<void> => {
    if (!done) return;
    const result = await call('export:openFolder', { folder: done.folder });
    if (!result.ok) setError(result.error.message);
  };

  return (
    <ModalDialog title="Export" onClose={onClose} className="export-dialog">
      <p className="field-hint">
        Files go to {folder ? <code>{folder}</code> : 'the export folder'}, one folder per article.
      </p>
      <div className="export-actions">
        {EXPORT_FORMATS.map((format) => (
          <button key={format} type="button" disabled={busy !== null} onClick={() => void run(format)}>
            {busy === format
              ? `Exporting ${EXPORT_FORMAT_LABELS[format]}…`
              : `Export ${EXPORT_FORMAT_LABELS[format]}`}
          </button>
        ))}
      </div>
      {done && (
        <p role="status" className="export-done">
          Exported {EXPORT_FORMAT_LABELS[done.format]} to <code>{done.file}</code>{' '}
          <button type="button" className="quiet" onClick={() => void openFolder()}>
            Open folder
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="checks-error">
          {error}
        </p>
      )}
    </ModalDialog>
  );
}
