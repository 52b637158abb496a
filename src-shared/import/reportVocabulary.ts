// What an import starts from, in words. No zod: the first screen's import
// report reads the labels; report.ts builds its schema from IMPORT_KINDS.

export const IMPORT_KINDS = ['docx', 'html', 'markdown'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  docx: 'Word document',
  html: 'saved web page',
  markdown: 'Markdown file',
};
