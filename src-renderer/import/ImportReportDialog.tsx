// The import report: what was dropped on the way in (counts, a few
// examples) and what needs a look before publishing. Opened after an import
// and again from the button "Import report" while that draft is open.
import type { ImportReport } from '../../src-shared/import/report';
import { IMPORT_KIND_LABELS } from '../../src-shared/import/reportVocabulary';
import { ModalDialog } from '../publish/ModalDialog';

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;
}

export function ImportReportDialog({
  report,
  onClose,
}: {
  report: ImportReport;
  onClose(): void;
}): React.JSX.Element {
  const { counts } = report;
  const droppedTotal = report.dropped.reduce((sum, item) => sum + item.count, 0);
  return (
    <ModalDialog title="Import report" onClose={onClose} className="import-report">
      <p>
        <strong>{report.fileName}</strong> ({IMPORT_KIND_LABELS[report.kind]}) became a new draft. Its first
        version in History is “{report.label}”.
      </p>
      <p className="import-counts">
        {plural(counts.words, 'word')}, {plural(counts.paragraphs, 'paragraph')},{' '}
        {plural(counts.headings, 'subhead')}, {plural(counts.lists, 'list')},{' '}
        {plural(counts.figures, 'image')}, {plural(counts.links, 'link')}.
      </p>
      <section aria-labelledby="import-look">
        <h3 id="import-look">Needs a look</h3>
        {report.needsLook.length === 0 ? (
          <p>Nothing: every image has alt text and a credit.</p>
        ) : (
          <ul>
            {report.needsLook.map((item, index) => (
              <li key={index}>{item.message}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="import-dropped">
        <h3 id="import-dropped">Dropped ({droppedTotal.toLocaleString('en-GB')})</h3>
        {report.dropped.length === 0 ? (
          <p>Nothing was dropped.</p>
        ) : (
          <ul>
            {report.dropped.map((item) => (
              <li key={item.what}>
                {item.count} × {item.what}
                {item.examples.length > 0 && (
                  <span className="import-examples">
                    {' '}
                    — e.g. {item.examples.map((e) => `“${e}”`).join(', ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {report.notes.length > 0 && (
        <section aria-labelledby="import-notes">
          <h3 id="import-notes">Notes</h3>
          <ul>
            {report.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </section>
      )}
    </ModalDialog>
  );
}
