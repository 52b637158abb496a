// Sends picked or dropped files to the services (import:stage, one file at a
// time; large ones travel in chunks in the browser shell) and imports each
// document (import:run). The renderer parses nothing.
import type { Draft } from '../../src-shared/article';
import type { ImportReport } from '../../src-shared/import/report';
import { importFileLimit, importTooLargeMessage } from '../../src-shared/ipc/limits';
import { call } from '../api';
import { importDocuments, type PickedFile } from './collectFiles';

export interface ImportOutcome {
  imported: Array<{ draft: Draft; report: ImportReport }>;
  problems: string[];
}

function sessionId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function runImport(
  files: readonly PickedFile[],
  onProgress: (text: string) => void,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], problems: [] };
  const documents = importDocuments(files);
  if (documents.length === 0) {
    outcome.problems.push(
      files.length === 0
        ? 'No file was chosen.'
        : `Copydesk imports Word documents (.docx), saved web pages (.html) and Markdown (.md). ${files.length === 1 ? `“${files[0]!.file.name}” is` : 'None of these files is'} none of those.`,
    );
    return outcome;
  }
  const session = sessionId();
  try {
    // Documents refused for their size are never sent; resources (images) above the image limit are skipped.
    const sendable: PickedFile[] = [];
    for (const entry of files) {
      if (entry.file.size <= importFileLimit(entry.path)) sendable.push(entry);
      else if (documents.includes(entry))
        outcome.problems.push(importTooLargeMessage(entry.file.name, entry.file.size));
    }
    let sent = 0;
    for (const entry of sendable) {
      sent += 1;
      onProgress(`Reading ${entry.file.name} (${sent} of ${sendable.length})…`);
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await entry.file.arrayBuffer());
      } catch {
        outcome.problems.push(
          `Copydesk could not read “${entry.file.name}”. Check that it is still there and try again.`,
        );
        continue;
      }
      const staged = await call('import:stage', { session, path: entry.path, bytes });
      if (!staged.ok) {
        outcome.problems.push(staged.error.message);
        return outcome;
      }
    }
    for (const document of documents) {
      if (!sendable.includes(document)) continue;
      onProgress(`Importing ${document.file.name}…`);
      const result = await call('import:run', { session, path: document.path });
      if (result.ok) outcome.imported.push(result.value);
      else outcome.problems.push(result.error.message);
    }
    return outcome;
  } finally {
    void call('import:discard', { session });
  }
}
