// Preview and export: the article as the publish renderer produces it (for
// the sandboxed preview frame), and files written into the export folder.
import { z } from 'zod';
import { DraftIdSchema as DraftId } from '../article';
import { channel } from './define';

export const EXPORT_FORMATS = ['html', 'markdown', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  html: 'HTML',
  markdown: 'Markdown',
  docx: 'Word (.docx)',
};

export const exportChannels = {
  /** The stored draft as a complete HTML page (images inlined as data: URLs, so the page needs nothing else). */
  'export:preview': channel(z.object({ draftId: DraftId }).strict(), z.object({ html: z.string() })),
  /** Where exports go (shown before the first export). */
  'export:location': channel(z.object({}).strict(), z.object({ folder: z.string() })),
  /** Writes the stored draft in one format into its folder under the export folder. */
  'export:article': channel(
    z.object({ draftId: DraftId, format: z.enum(EXPORT_FORMATS) }).strict(),
    z.object({ file: z.string(), folder: z.string(), images: z.number().int() }),
  ),
  /** Opens a folder an export wrote, with the system's file manager. */
  'export:openFolder': channel(z.object({ folder: z.string().max(4096) }).strict(), z.object({})),
};
