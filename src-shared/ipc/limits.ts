// Size limits on files the editor brings in, and the refusals that name them.
// The renderer says them before sending, the services again. No zod: the
// first screen's import controls read them.

/** Largest image file accepted. A 24-megapixel camera JPEG is about 10 MB. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;

/** Largest web page or Markdown file accepted (a long article with its markup is well under 2 MB). */
export const MAX_IMPORT_TEXT_BYTES = 10 * 1024 * 1024;
/** Largest .docx accepted, and the most its parts may unpack to (a zip bomb is refused before it is unpacked). */
export const MAX_IMPORT_DOCX_BYTES = 40 * 1024 * 1024;
export const MAX_DOCX_UNPACKED_BYTES = 150 * 1024 * 1024;
/** Largest sum of files sent for one import (a page and its `_files` folder). */
export const MAX_IMPORT_SESSION_BYTES = 200 * 1024 * 1024;
/** File names an import starts from; other picked or dropped files are resources (images of a saved page). */
export const IMPORT_DOCUMENT_PATTERN = /\.(docx|html?|md|markdown)$/i;

const DOCX = /\.docx$/i;

/**
 * The most a file picked or dropped for an import may weigh: a Word document,
 * a web page or Markdown file, or anything else (the images a saved page brings).
 */
export function importFileLimit(name: string): number {
  if (DOCX.test(name)) return MAX_IMPORT_DOCX_BYTES;
  if (IMPORT_DOCUMENT_PATTERN.test(name)) return MAX_IMPORT_TEXT_BYTES;
  return MAX_IMAGE_BYTES;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** The refusal for a file over MAX_IMAGE_BYTES; `who` is the quoted file name or "This file". */
export function imageTooLargeMessage(who: string, bytes: number): string {
  return (
    `${who} is ${megabytes(bytes)} MB; Copydesk accepts images up to ${megabytes(MAX_IMAGE_BYTES)} MB. ` +
    'Save a smaller version (a 24-megapixel JPEG is usually about 10 MB) and insert that.'
  );
}

/** The refusal for a document over its limit; the renderer says it before sending, the service again. */
export function importTooLargeMessage(name: string, bytes: number): string {
  const docx = DOCX.test(name);
  const limit = docx ? MAX_IMPORT_DOCX_BYTES : MAX_IMPORT_TEXT_BYTES;
  return (
    `“${name}” is ${megabytes(bytes)} MB; Copydesk imports ${docx ? 'Word documents' : 'web pages and Markdown files'} up to ${megabytes(limit)} MB. ` +
    'An article is far smaller: save just the article, or copy its text and paste it into a new draft.'
  );
}
