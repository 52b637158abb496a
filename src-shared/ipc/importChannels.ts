import { z } from 'zod';
import { DRAFT_ID_PATTERN, DraftIdSchema, DraftSchema } from '../article';
import { ImportReportSchema } from '../import/report';
import { channel } from './define';

/** Import sessions are named like drafts: 8 to 64 characters from [A-Za-z0-9_-]. */
const SessionId = z.string().regex(DRAFT_ID_PATTERN, 'not an import session id');
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
    z.object({ draftId: DraftIdSchema }).strict(),
    z.object({ report: ImportReportSchema.nullable() }),
  ),
};
