// Pasted HTML comes from anywhere (Word, Google Docs, web pages, mail). It is
// cleaned before Lexical reads it, in two steps:
//   1. On an inert document (DOMParser: nothing runs, nothing loads) the
//      structure is recovered: Word's mso-list paragraphs become real lists,
//      Google Docs' docs-internal-guid wrapper is unwrapped, and style spans
//      that mean bold, italic, underline or strikethrough become tags;
//      tracking parameters (utm_*, fbclid, gclid, …) are stripped from links.
//      What is about to be dropped is counted for the note.
//   2. DOMPurify keeps only structure: paragraphs, headings, lists, links
//      (http, https, mailto), bold, italic, underline, strikethrough, quotes,
//      line breaks. No attribute but href survives: no styles, classes,
//      fonts, scripts, handlers, frames, forms or embedded objects.
// Lexical's own import then keeps only what the article's nodes understand.
import DOMPurify from 'dompurify';
import { LINK_PROTOCOLS, LINK_URI_PATTERN } from '../../src-shared/links';
import { stripTrackingParams } from '../../src-shared/import/tracking';

const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'blockquote',
  'q',
  'sub',
  'sup',
  'code',
  'pre',
  'hr',
  'span',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
];

export interface PasteCleanup {
  styles: number;
  classes: number;
  fonts: number;
  trackingLinks: number;
  unsafeLinks: number;
  scripts: number;
  handlers: number;
  frames: number;
  forms: number;
  images: number;
}

function emptyCleanup(): PasteCleanup {
  return {
    styles: 0,
    classes: 0,
    fonts: 0,
    trackingLinks: 0,
    unsafeLinks: 0,
    scripts: 0,
    handlers: 0,
    frames: 0,
    forms: 0,
    images: 0,
  };
}

const NOTE_WORDS: ReadonlyArray<readonly [keyof PasteCleanup, string, string]> = [
  ['styles', 'style', 'styles'],
  ['classes', 'class', 'classes'],
  ['fonts', 'font', 'fonts'],
  ['trackingLinks', 'tracking link', 'tracking links'],
  ['unsafeLinks', 'unsafe link', 'unsafe links'],
  ['scripts', 'script', 'scripts'],
  ['handlers', 'event handler', 'event handlers'],
  ['frames', 'embedded frame', 'embedded frames'],
  ['forms', 'form field', 'form fields'],
  ['images', 'image (insert images with Insert image)', 'images (insert images with Insert image)'],
];

/** "Removed 14 styles, 2 tracking links", or null when nothing was removed. */
export function describeCleanup(cleanup: PasteCleanup): string | null {
  const parts = NOTE_WORDS.filter(([key]) => cleanup[key] > 0).map(
    ([key, one, many]) => `${cleanup[key]} ${cleanup[key] === 1 ? one : many}`,
  );
  return parts.length === 0 ? null : `Removed ${parts.join(', ')}`;
}

function styleOf(element: Element): string {
  return (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...Array.from(element.childNodes));
  element.append(wrapper);
}

/** Style spans (Google Docs, Word, web pages) that mean a format become tags, so that dropping styles keeps the meaning. */
function styleSpansToTags(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('span, font, p, li, td, a'))) {
    const style = styleOf(element);
    if (style === '') continue;
    const tags: string[] = [];
    if (/font-weight:(?:bold|bolder|[6-9]00)/.test(style)) tags.push('strong');
    if (/font-style:italic/.test(style)) tags.push('em');
    if (/text-decoration(?:-line)?:[^;]*underline/.test(style)) tags.push('u');
    if (/text-decoration(?:-line)?:[^;]*line-through/.test(style)) tags.push('s');
    for (const tag of tags) wrapChildren(element, tag);
  }
}

const ORDERED_MARKER = /^\(?(?:\d+|[a-z]|[ivxlc]+)[.)]$/i;

/**
 * Word marks list paragraphs with `mso-list:lN levelM` and writes the bullet
 * or number as text in a `mso-list:Ignore` span. Runs of such paragraphs
 * become <ul>/<ol> with nesting by level.
 */
function wordListsToLists(root: Element): void {
  const document = root.ownerDocument;
  const isListParagraph = (node: Element | null): node is Element =>
    node !== null && node.localName === 'p' && /mso-list:l\d+level\d+/.test(styleOf(node));
  for (const first of Array.from(root.querySelectorAll('p'))) {
    if (!first.isConnected || !isListParagraph(first)) continue;
    if (isListParagraph(first.previousElementSibling)) continue;
    const run: Element[] = [];
    for (let node: Element | null = first; isListParagraph(node); node = node.nextElementSibling)
      run.push(node);
    const stack: Array<{ level: number; list: Element }> = [];
    const anchor = document.createElement('div');
    first.before(anchor);
    let top: Element | null = null;
    for (const paragraph of run) {
      const level = Number(/level(\d+)/.exec(styleOf(paragraph))?.[1] ?? '1');
      const marker = paragraph.querySelector('[style*="mso-list" i]');
      const markerText = (marker?.textContent ?? '').replace(/\s+/g, ' ').trim();
      marker?.remove();
      const ordered = ORDERED_MARKER.test(markerText);
      while (stack.length > 0 && stack[stack.length - 1]!.level > level) stack.pop();
      let current = stack[stack.length - 1];
      if (!current || current.level < level) {
        const list = document.createElement(ordered ? 'ol' : 'ul');
        if (current) {
          const parentItem =
            current.list.lastElementChild ?? current.list.appendChild(document.createElement('li'));
          parentItem.append(list);
        } else top = list;
        current = { level, list };
        stack.push(current);
      }
      const item = document.createElement('li');
      item.append(...Array.from(paragraph.childNodes));
      current.list.append(item);
      paragraph.remove();
    }
    if (top) anchor.replaceWith(top);
    else anchor.remove();
  }
  // Word's empty <o:p> placeholders.
  for (const element of Array.from(root.getElementsByTagName('o:p'))) unwrap(element);
}

function countAndStrip(root: Element, cleanup: PasteCleanup): void {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const tag = element.localName;
    if (tag === 'script' || tag === 'noscript' || tag === 'template') cleanup.scripts += 1;
    else if (tag === 'style' || tag === 'link') cleanup.styles += 1;
    else if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math'].includes(tag))
      cleanup.frames += 1;
    else if (['form', 'input', 'button', 'select', 'textarea'].includes(tag)) cleanup.forms += 1;
    else if (tag === 'font') cleanup.fonts += 1;
    else if (tag === 'img' || tag === 'picture' || tag === 'video' || tag === 'audio') cleanup.images += 1;
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name === 'style') cleanup.styles += 1;
      else if (name === 'class') cleanup.classes += 1;
      else if (name.startsWith('on')) cleanup.handlers += 1;
    }
    if (tag === 'a' && element.hasAttribute('href')) {
      const href = element.getAttribute('href') ?? '';
      const cleaned = stripTrackingParams(href).url;
      if (cleaned !== href) {
        cleanup.trackingLinks += 1;
        element.setAttribute('href', cleaned);
      }
      if (!isSafeHref(cleaned)) {
        cleanup.unsafeLinks += 1;
        element.removeAttribute('href');
      }
    }
  }
}

function isSafeHref(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  return LINK_PROTOCOLS.has(url.protocol);
}

export interface PasteWindow {
  DOMParser: typeof DOMParser;
}

/**
 * Cleans pasted HTML and says what was removed. `win` is the window whose
 * DOMParser and DOMPurify are used (the page's own; tests pass jsdom's).
 */
export function cleanPastedHtml(
  html: string,
  win: PasteWindow = window,
): { html: string; cleanup: PasteCleanup } {
  const cleanup = emptyCleanup();
  const inert = new win.DOMParser().parseFromString(html, 'text/html');
  const root = inert.body;
  // Google Docs wraps the whole paste in <b id="docs-internal-guid-…" style="font-weight:normal">.
  for (const wrapper of Array.from(root.querySelectorAll('[id^="docs-internal-guid"]'))) unwrap(wrapper);
  wordListsToLists(root);
  styleSpansToTags(root);
  countAndStrip(root, cleanup);
  // A whole-document paste keeps its head's scripts and styles in the count.
  for (const element of Array.from(inert.head.querySelectorAll('script, style, link[rel~="stylesheet"]'))) {
    if (element.localName === 'script') cleanup.scripts += 1;
    else cleanup.styles += 1;
  }
  const purify =
    win === (globalThis as unknown as { window?: unknown }).window ? DOMPurify : DOMPurify(win as never);
  const cleaned = purify.sanitize(root.innerHTML, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: LINK_URI_PATTERN,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    WHOLE_DOCUMENT: false,
    KEEP_CONTENT: true,
    FORBID_CONTENTS: [
      'script',
      'style',
      'noscript',
      'template',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
      'form',
      'button',
      'select',
      'textarea',
      'title',
      'head',
    ],
  });
  return { html: cleaned, cleanup };
}

export function sanitizePastedHtml(html: string): string {
  return cleanPastedHtml(html).html;
}

/** A DataTransfer stand-in carrying the cleaned HTML and the original plain text, and what was removed. */
export function sanitizedDataTransfer(original: DataTransfer): {
  transfer: DataTransfer;
  note: string | null;
} {
  const html = original.getData('text/html');
  const { html: cleaned, cleanup } =
    html === '' ? { html: '', cleanup: emptyCleanup() } : cleanPastedHtml(html);
  const plain = original.getData('text/plain');
  const transfer = new DataTransfer();
  if (cleaned !== '') transfer.setData('text/html', cleaned);
  if (plain !== '') transfer.setData('text/plain', plain);
  return { transfer, note: describeCleanup(cleanup) };
}
