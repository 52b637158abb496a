// .docx → parsed document. The zip is checked first (zipGuard: sizes, forged
// entries, zip bombs) so mammoth only ever unpacks an archive known to be
// sane. mammoth turns Word's structure into HTML (headings, lists, bold,
// italic, links, quotes, tables, images); htmlToBlocks keeps what the body
// can hold. mammoth leaves out comments and deleted text and keeps inserted
// text (tracked changes accepted); the report says how many there were, read
// from the document's own XML.
import { JSDOM, VirtualConsole } from 'jsdom';
import mammoth from 'mammoth';
import { MAX_DOCX_UNPACKED_BYTES } from '../../../src-shared/ipc/limits';
import { DropTally } from '../../../src-shared/import/report';
import { describeBytes } from './sniff';
import {
  documentBlocks,
  walkNotes,
  takeFirstHeadingAsHeadline,
  tidyInlines,
  type ParsedBlock,
} from './htmlToBlocks';
import { emptyFields, ImportRefusal, type ParsedDocument } from './types';
import { guardZip, looksLikeZip, readZipEntry, ZipRefusal } from './zipGuard';
import { inlineText } from '../../../src-shared/import/blocks';

const STYLE_MAP = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Kicker'] => p.doc-kicker:fresh",
  "p[style-name='Byline'] => p.doc-byline:fresh",
];

function count(xml: string, pattern: RegExp): number {
  return xml.match(pattern)?.length ?? 0;
}

export async function parseDocx(
  bytes: Uint8Array,
  name: string,
  spamDomains: readonly string[],
): Promise<ParsedDocument> {
  if (!looksLikeZip(bytes)) {
    const what = describeBytes(bytes);
    throw new ImportRefusal(
      `“${name}” is not a Word document (.docx)${what ? `: it is ${what}` : ''}. ` +
        'Open it in Word (or LibreOffice) and save it as a .docx, then import that.',
    );
  }
  let entries;
  try {
    entries = guardZip(bytes, MAX_DOCX_UNPACKED_BYTES);
  } catch (error) {
    if (error instanceof ZipRefusal) {
      if (error.reason === 'too-large' || error.reason === 'too-many') {
        throw new ImportRefusal(
          `“${name}” was not imported: ${error.message}, far more than any article needs. It may be a “zip bomb”; nothing was unpacked.`,
        );
      }
      if (error.reason === 'encrypted') {
        throw new ImportRefusal(
          `“${name}” is password-protected. Remove the password in Word, save, and import it again.`,
        );
      }
      throw new ImportRefusal(
        `“${name}” is damaged (${error.message}) and cannot be read. Open it in Word, which may repair it, save it again and import that.`,
      );
    }
    throw error;
  }
  const documentEntry = entries.find((entry) => entry.name === 'word/document.xml');
  if (!documentEntry) {
    throw new ImportRefusal(
      `“${name}” is a zip archive but not a Word document (it has no word/document.xml). Save it from Word as a .docx and import that.`,
    );
  }
  const documentXml = readZipEntry(bytes, documentEntry).toString('utf8');
  const commentsEntry = entries.find((entry) => entry.name === 'word/comments.xml');
  const comments = commentsEntry
    ? count(readZipEntry(bytes, commentsEntry).toString('utf8'), /<w:comment\b/g)
    : 0;
  const insertions = count(documentXml, /<w:ins\b/g);
  const deletions = count(documentXml, /<w:del\b/g);

  const embedded = new Map<string, Uint8Array>();
  let converted: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(async (image) => {
          const src = `docx-image-${embedded.size + 1}`;
          embedded.set(src, new Uint8Array(await image.readAsBuffer()));
          return { src };
        }),
      },
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 160) : String(error);
    throw new ImportRefusal(
      `“${name}” could not be read as a Word document (${detail}). Open it in Word, save it again as a .docx and import that.`,
    );
  }

  const dropped = new DropTally();
  if (comments > 0) dropped.add('comment', undefined, comments);
  if (deletions > 0) dropped.add('tracked deletion', undefined, deletions);
  const notes: string[] = [];
  if (comments > 0 || insertions > 0 || deletions > 0) {
    const parts: string[] = [];
    if (comments > 0) parts.push(`${comments} comment${comments === 1 ? '' : 's'} dropped`);
    if (insertions > 0) parts.push(`${insertions} tracked insertion${insertions === 1 ? '' : 's'} accepted`);
    if (deletions > 0)
      parts.push(`${deletions} tracked deletion${deletions === 1 ? '' : 's'} accepted (the text is gone)`);
    notes.push(`Review marks: ${parts.join('; ')}.`);
  }

  const dom = new JSDOM(`<!doctype html><body>${converted.value}</body>`, {
    virtualConsole: new VirtualConsole(),
  });
  const body = dom.window.document.body;
  const fields = emptyFields();
  const take = (selector: string): string => {
    const element = body.querySelector(selector);
    if (!element) return '';
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    element.remove();
    return text;
  };
  fields.kicker = take('p.doc-kicker');
  fields.headline = take('h1.doc-title');
  fields.standfirst = take('p.doc-subtitle');
  fields.byline = take('p.doc-byline').replace(/^by\s+/i, '');
  const { blocks, stats } = documentBlocks(body, dropped, spamDomains);
  // Without a Title style, the first heading is the headline.
  takeFirstHeadingAsHeadline(blocks, fields);
  // "By Name, Role" right under the headline is the byline.
  if (fields.byline === '') takeBylineParagraph(blocks, fields);
  notes.push(...walkNotes(stats));
  const unreadable = converted.messages.filter((m) => m.type === 'error');
  if (unreadable.length > 0)
    notes.push(
      `Word reported ${unreadable.length} part${unreadable.length === 1 ? '' : 's'} it could not convert.`,
    );
  return { kind: 'docx', fields, blocks, leadImage: null, embedded, notes, needsLook: [], dropped };
}

function takeBylineParagraph(blocks: ParsedBlock[], fields: { byline: string; bylineRole: string }): void {
  const index = blocks.findIndex((block) => block.kind !== 'pending-figure');
  const block = blocks[index];
  if (!block || block.kind !== 'paragraph') return;
  const text = inlineText(tidyInlines(block.inlines)).trim();
  const match = /^by\s+([^,\n]{2,80})(?:,\s*([^\n]{2,120}))?$/i.exec(text);
  if (!match) return;
  fields.byline = match[1]!.trim();
  fields.bylineRole = match[2]?.trim() ?? '';
  blocks.splice(index, 1);
}
