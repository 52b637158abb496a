import { z } from 'zod';
import { DraftSchema } from '../article';
import { ImportReportSchema } from '../import/report';
import { channel } from './define';

/** Largest web page or Markdown file accepted (a long article with its markup is well under 2 MB). */
export const MAX_IMPORT_TEXT_BYTES = 10 * 1024 * 1024;
/** Largest .docx accepted, and the most its parts may unpack to (a zip bomb is refused before it is unpacked). */
export const MAX_IMPORT_DOCX_BYTES = 40 * 1024 * 1024;
export const MAX_DOCX_UNPACKED_BYTES = 150 * 1024 * 1024;
/** Largest sum of files sent for one import (a page and its `_files` folder). */
export const MAX_IMPORT_SESSION_BYTES = 200 * 1024 * 1024;
/** File names an import starts from; other picked or dropped files are resources (images of a saved page). */
export const IMPORT_DOCUMENT_PATTERN = /\.(docx|html?|md|markdown)$/i;

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** The refusal for a document over its limit; the renderer says it before sending, the service again. */
export function importTooLargeMessage(name: string, bytes: number): string {
  const limit = /\.docx$/i.test(name) ? MAX_IMPORT_DOCX_BYTES : MAX_IMPORT_TEXT_BYTES;
  return (
    `“${name}” is ${megabytes(bytes)} MB; Copydesk imports ${/\.docx$/i.test(name) ? 'Word documents' : 'web pages and Markdown files'} up to ${megabytes(limit)} MB. ` +
    'An article is far smaller: save just the article, or copy its text and paste it into a new draft.'
  );
}

const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an import session id');
/** A file's path as picked or dropped: its name, or its path inside a dropped folder ("page_files/photo.jpg"). */
const FilePath = z.string().min(1).max(1_000);

export const importChannels = {
  /**
   * Hands one picked or dropped file's bytes to an import session (the
   * session is created by its first file and forgotten after ten minutes or
   * when it runs). Nothing is parsed or stored yet.
   */
  'import:stage': channel(
    z.object({ session: SessionId, path: FilePath, bytes: z.instanceof(Uint8Array) }).strict(),
    z.object({ files: z.number().int() }),
  ),
  /**
   * Imports one staged document (.docx, .html/.htm, .md) as a new draft with
   * a first revision "Imported from <file name>" and an import report. Either
   * all of it is created or nothing is.
   */
  'import:run': channel(
    z.object({ session: SessionId, path: FilePath }).strict(),
    z.object({ draft: DraftSchema, report: ImportReportSchema }),
  ),
  /** Forgets a session's staged files (the editor cancelled, or every document ran). */
  'import:discard': channel(z.object({ session: SessionId }).strict(), z.object({})),
  /** The import report of a draft, or null when the draft was not imported. */
  'import:report': channel(
    z.object({ draftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(),
    z.object({ report: ImportReportSchema.nullable() }),
  ),
};
