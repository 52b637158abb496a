// Pasted HTML comes from anywhere (web pages, mail, word processors). It is
// cleaned before Lexical reads it: no scripts, event handlers, frames, forms
// or embedded objects, and links only to http(s)/mailto. Lexical's own import
// then keeps only what the article's nodes understand.
import DOMPurify from 'dompurify';
import { LINK_URI_PATTERN } from '../../src-shared/links';

export function sanitizePastedHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_URI_REGEXP: LINK_URI_PATTERN,
    FORBID_TAGS: [
      'script',
      'style',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'svg',
      'math',
      'link',
      'meta',
      'base',
      'template',
      'noscript',
    ],
    FORBID_ATTR: ['srcset', 'action', 'formaction', 'xlink:href'],
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
  });
}

/** A DataTransfer stand-in carrying the cleaned HTML and the original plain text. */
export function sanitizedDataTransfer(original: DataTransfer): DataTransfer {
  const html = original.getData('text/html');
  const cleaned = html === '' ? '' : sanitizePastedHtml(html);
  const plain = original.getData('text/plain');
  const transfer = new DataTransfer();
  if (cleaned !== '') transfer.setData('text/html', cleaned);
  if (plain !== '') transfer.setData('text/plain', plain);
  return transfer;
}
