// Reads a DOM (built by jsdom in the services; never a live page) into the
// import block model: paragraphs, headings 2–3, quotes, lists, rules and
// figures, with bold, italic, underline, strikethrough, code, line breaks
// and links. It is a whitelist: everything else (scripts, styles, classes,
// frames, forms, embedded media, unsafe or spam links) is left behind and
// tallied for the import report. Images become pending figures; the
// importer stores their bytes only after the whole document has parsed.
import type {
  Block,
  Inline,
  LinkRun,
  ListBlock,
  ListItemBlock,
  TextRun,
} from '../../../src-shared/import/blocks';
import { isEmptyBlock, normaliseInlines } from '../../../src-shared/import/blocks';
import type { DropTally } from '../../../src-shared/import/report';
import { spamDomainOf, stripTrackingParams } from '../../../src-shared/import/tracking';
import { isAllowedLinkUrl } from '../../../src-shared/links';
import { splitCaptionCredit } from '../../../src-shared/captionCredit';
import { inlineText } from '../../../src-shared/import/blocks';
import { IMPORT_HOST } from './paths';

/** A figure whose image has not been stored yet: `src` as the document wrote it. */
export interface PendingFigure {
  kind: 'pending-figure';
  src: string;
  /** null when the document gave no alt attribute at all. */
  alt: string | null;
  caption: string;
  credit: string;
}

export type ParsedBlock =
  | Exclude<Block, { kind: 'figure' } | { kind: 'paragraph' }>
  | { kind: 'paragraph'; inlines: Inline[]; hint?: 'caption' }
  | PendingFigure;

export interface WalkContext {
  dropped: DropTally;
  /** Normalised spam domains (the pre-publish check's list). */
  spamDomains: readonly string[];
  /** Counts for notes. */
  stats: { tables: number; trackingParams: number; links: number };
  /** Caption and credit of a figure element (site-specific markup); default reads <figcaption>. */
  splitCaption(text: string): { caption: string; credit: string };
}

type Format = Pick<TextRun, 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code'>;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements dropped with everything inside them, and how the report names them. */
const DROPPED: Record<string, string> = {
  script: 'script',
  noscript: 'script',
  style: 'style sheet',
  link: 'style sheet',
  iframe: 'embedded frame',
  frame: 'embedded frame',
  frameset: 'embedded frame',
  object: 'embedded object',
  embed: 'embedded object',
  applet: 'embedded object',
  form: 'form',
  input: 'form',
  button: 'form',
  select: 'form',
  textarea: 'form',
  svg: 'SVG drawing',
  math: 'MathML formula',
  canvas: 'embedded media',
  video: 'embedded media',
  audio: 'embedded media',
  picture: '',
  template: 'script',
  meta: '',
  base: '',
  head: '',
  title: '',
};

const HEADINGS: Record<string, 2 | 3> = { h1: 2, h2: 2, h3: 3, h4: 3, h5: 3, h6: 3 };
const BLOCK_CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'body',
  'html',
  'center',
  'dl',
  'dt',
  'dd',
  'address',
  'details',
  'summary',
  'hgroup',
  'li',
  'tbody',
  'thead',
  'tfoot',
]);

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function styleOf(element: Element): string {
  return (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
}

/** Formats an element adds (tags, and the style spans Google Docs and Word write instead of tags). */
function formatOf(element: Element, format: Format): Format {
  const tag = element.localName;
  const style = styleOf(element);
  const next: Format = { ...format };
  if (tag === 'b' || tag === 'strong') {
    // Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
    if (!/font-weight:(?:normal|400)/.test(style)) next.bold = true;
  }
  if (tag === 'i' || tag === 'em' || tag === 'cite' || tag === 'dfn') next.italic = true;
  if (tag === 'u' || tag === 'ins') next.underline = true;
  if (tag === 's' || tag === 'strike' || tag === 'del') next.strikethrough = true;
  if (tag === 'code' || tag === 'kbd' || tag === 'samp' || tag === 'tt') next.code = true;
  if (/font-weight:(?:bold|bolder|[6-9]00)/.test(style)) next.bold = true;
  if (/font-weight:(?:normal|[1-4]00)/.test(style) && tag !== 'b' && tag !== 'strong') next.bold = false;
  if (/font-style:italic/.test(style)) next.italic = true;
  if (/text-decoration(?:-line)?:[^;]*underline/.test(style)) next.underline = true;
  if (/text-decoration(?:-line)?:[^;]*line-through/.test(style)) next.strikethrough = true;
  return next;
}

function run(text: string, format: Format): TextRun {
  const out: TextRun = { kind: 'text', text };
  if (format.bold) out.bold = true;
  if (format.italic) out.italic = true;
  if (format.underline) out.underline = true;
  if (format.strikethrough) out.strikethrough = true;
  if (format.code) out.code = true;
  return out;
}

/** Trims a paragraph's inlines: no leading/trailing space, no space around line breaks, no trailing break. */
export function tidyInlines(inlines: readonly Inline[]): Inline[] {
  const list = normaliseInlines(inlines).map((inline) => ({ ...inline }));
  for (let i = 0; i < list.length; i++) {
    const inline = list[i]!;
    if (inline.kind !== 'text') continue;
    const prev = list[i - 1];
    const next = list[i + 1];
    if (i === 0 || prev?.kind === 'break') inline.text = inline.text.replace(/^\s+/, '');
    if (i === list.length - 1 || next?.kind === 'break') inline.text = inline.text.replace(/\s+$/, '');
  }
  const kept = normaliseInlines(list);
  while (kept[kept.length - 1]?.kind === 'break') kept.pop();
  while (kept[0]?.kind === 'break') kept.shift();
  return kept;
}

function textOf(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function hasClass(element: Element, pattern: RegExp): boolean {
  return pattern.test(element.getAttribute('class') ?? '');
}

function isTrackingPixel(img: Element): boolean {
  const width = Number.parseInt(img.getAttribute('width') ?? '', 10);
  const height = Number.parseInt(img.getAttribute('height') ?? '', 10);
  const style = styleOf(img);
  if ((width > 0 && width <= 3) || (height > 0 && height <= 3)) return true;
  return /(?:^|;)(?:width|height):[0-3]px/.test(style) || /display:none|visibility:hidden/.test(style);
}

/** The image source a document means: lazy-loading pages keep it in data-src. */
function imageSource(img: Element): string {
  const src = img.getAttribute('src') ?? '';
  const lazy =
    img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('data-original');
  if (lazy && (src === '' || src.startsWith('data:image/gif') || src.startsWith('data:image/svg')))
    return lazy;
  return src;
}

class Builder {
  readonly blocks: ParsedBlock[] = [];
  inlines: Inline[] = [];
  hint: 'caption' | undefined;

  flush(): void {
    const inlines = tidyInlines(this.inlines);
    this.inlines = [];
    const block: ParsedBlock = { kind: 'paragraph', inlines };
    if (this.hint) block.hint = this.hint;
    this.hint = undefined;
    if (!isEmptyBlock(block as Block)) this.blocks.push(block);
  }
}

/**
 * The body of an imported document as blocks, with figure captions split into
 * caption and credit (src-shared/captionCredit.ts), and the counts its notes need.
 */
export function documentBlocks(
  root: Node,
  dropped: DropTally,
  spamDomains: readonly string[],
): { blocks: ParsedBlock[]; stats: WalkContext['stats'] } {
  const stats = { tables: 0, trackingParams: 0, links: 0 };
  const blocks = htmlToBlocks(root, {
    dropped,
    spamDomains,
    stats,
    splitCaption: (text) => {
      const split = splitCaptionCredit(text);
      return { caption: split.caption, credit: split.credit ?? '' };
    },
  });
  return { blocks, stats };
}

/** The import report's notes about what the walk changed (tables flattened, tracking parameters removed). */
export function walkNotes(stats: WalkContext['stats']): string[] {
  const notes: string[] = [];
  if (stats.tables > 0)
    notes.push(
      `${stats.tables} table${stats.tables === 1 ? '' : 's'} flattened into paragraphs, one per row, cells separated by “|”.`,
    );
  if (stats.trackingParams > 0)
    notes.push(
      `Removed ${stats.trackingParams} tracking parameter${stats.trackingParams === 1 ? '' : 's'} from links.`,
    );
  return notes;
}

/** Without a title of its own, a document's first heading (before any text) is its headline. */
export function takeFirstHeadingAsHeadline(blocks: ParsedBlock[], fields: { headline: string }): void {
  if (fields.headline !== '') return;
  const first = blocks.findIndex((block) => block.kind !== 'pending-figure');
  const block = blocks[first];
  if (block?.kind === 'heading') {
    fields.headline = inlineText(block.inlines).trim();
    blocks.splice(first, 1);
  }
}

export function htmlToBlocks(root: Node, ctx: WalkContext): ParsedBlock[] {
  const builder = new Builder();
  walk(root, builder, {}, ctx, false);
  builder.flush();
  return builder.blocks;
}

/** A figure from an <img> (or a <figure>/WordPress caption block holding one); null for a tracking pixel. */
function figureOf(img: Element, ctx: WalkContext, captionText: string, credit = ''): PendingFigure | null {
  if (isTrackingPixel(img)) {
    ctx.dropped.add('tracking pixel', hostOf(img.getAttribute('src') ?? ''));
    return null;
  }
  const src = imageSource(img).trim();
  if (src === '') return null;
  // Markdown writes a caption as the image's title: ![alt](src "caption").
  const source = captionText !== '' ? captionText : textOfAttr(img.getAttribute('title'));
  const split = source === '' ? { caption: '', credit: '' } : ctx.splitCaption(source);
  return {
    kind: 'pending-figure',
    src,
    alt: img.hasAttribute('alt') ? textOfAttr(img.getAttribute('alt')) : null,
    caption: split.caption,
    credit: credit !== '' ? credit : split.credit,
  };
}

function textOfAttr(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, 60);
  }
}

function figureFromContainer(element: Element, ctx: WalkContext): PendingFigure | null {
  const img = element.querySelector('img');
  if (!img) return null;
  const captionElement =
    element.querySelector('figcaption') ??
    element.querySelector('.wp-caption-text, .caption, [class*="caption"]');
  let credit = '';
  let captionText = '';
  if (captionElement) {
    const creditElement = captionElement.querySelector('.credit, .photo-credit, [class*="credit"], .source');
    if (creditElement) {
      credit = textOf(creditElement).replace(/^(?:photo|credit|picture|image)s?\s*:\s*/i, '');
      creditElement.remove();
    }
    captionText = textOf(captionElement);
  }
  return figureOf(img, ctx, captionText, credit);
}

function walk(node: Node, builder: Builder, format: Format, ctx: WalkContext, pre: boolean): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const text = pre ? (child.nodeValue ?? '') : (child.nodeValue ?? '').replace(/\s+/g, ' ');
      if (pre && text.includes('\n')) {
        text.split('\n').forEach((line, index) => {
          if (index > 0) builder.inlines.push({ kind: 'break' });
          if (line !== '') builder.inlines.push(run(line, format));
        });
      } else if (text !== '') builder.inlines.push(run(text, format));
      continue;
    }
    if (!isElement(child)) continue;
    const tag = child.localName;
    if (tag in DROPPED) {
      const what = DROPPED[tag]!;
      if (what !== '') ctx.dropped.add(what, textOf(child).slice(0, 60) || tag);
      continue;
    }
    if (child.hasAttribute('hidden') || /display:none|visibility:hidden/.test(styleOf(child))) {
      ctx.dropped.add('hidden text', textOf(child));
      continue;
    }
    const heading = HEADINGS[tag];
    if (heading !== undefined) {
      builder.flush();
      const inner = new Builder();
      walk(child, inner, {}, ctx, false);
      const inlines = tidyInlines(inner.inlines);
      if (inlines.length > 0) builder.blocks.push({ kind: 'heading', level: heading, inlines });
      inner.inlines = [];
      builder.blocks.push(...inner.blocks);
      continue;
    }
    switch (tag) {
      case 'br':
        builder.inlines.push({ kind: 'break' });
        continue;
      case 'p': {
        builder.flush();
        const cls = child.getAttribute('class') ?? '';
        if (/\bcaption\b|MsoCaption|wp-caption-text/i.test(cls)) builder.hint = 'caption';
        walk(child, builder, format, ctx, pre);
        builder.flush();
        continue;
      }
      case 'hr':
        builder.flush();
        builder.blocks.push({ kind: 'rule' });
        continue;
      case 'img': {
        builder.flush();
        const figure = figureOf(child, ctx, '');
        if (figure) builder.blocks.push(figure);
        continue;
      }
      case 'figure': {
        builder.flush();
        const figure = figureFromContainer(child, ctx);
        if (figure) builder.blocks.push(figure);
        else walk(child, builder, format, ctx, pre);
        builder.flush();
        continue;
      }
      case 'blockquote': {
        builder.flush();
        const inner = new Builder();
        walk(child, inner, format, ctx, pre);
        inner.flush();
        for (const block of inner.blocks) {
          builder.blocks.push(block.kind === 'paragraph' ? { kind: 'quote', inlines: block.inlines } : block);
        }
        continue;
      }
      case 'ul':
      case 'ol': {
        builder.flush();
        const list = listOf(child, ctx, format);
        if (list.items.length > 0) builder.blocks.push(list);
        continue;
      }
      case 'pre':
        builder.flush();
        walk(child, builder, format, ctx, true);
        builder.flush();
        continue;
      case 'table':
        builder.flush();
        ctx.stats.tables += 1;
        tableRows(child, builder, ctx);
        continue;
      case 'a':
        anchor(child, builder, format, ctx, pre);
        continue;
    }
    if (hasClass(child, /\bwp-caption\b/) && child.querySelector('img')) {
      builder.flush();
      const figure = figureFromContainer(child, ctx);
      if (figure) builder.blocks.push(figure);
      continue;
    }
    if (BLOCK_CONTAINERS.has(tag) || tag === 'tr') {
      builder.flush();
      walk(child, builder, format, ctx, pre);
      builder.flush();
      continue;
    }
    // Inline elements (span, b, i, font, sup, …): their formats, their text.
    walk(child, builder, formatOf(child, format), ctx, pre);
  }
}

function anchor(element: Element, builder: Builder, format: Format, ctx: WalkContext, pre: boolean): void {
  const href = (element.getAttribute('href') ?? '').trim();
  if (href === '' || href.startsWith('#')) {
    walk(element, builder, format, ctx, pre);
    return;
  }
  const spam = spamDomainOf(href, ctx.spamDomains);
  if (spam) {
    ctx.dropped.add('link to a spam domain', `${textOf(element)} (${hostOf(href)})`);
    return;
  }
  if (element.querySelector('img')) {
    // A linked image: the image is what matters.
    walk(element, builder, format, ctx, pre);
    return;
  }
  const inner = new Builder();
  walk(element, inner, format, ctx, pre);
  const texts = inner.inlines.filter((inline): inline is TextRun => inline.kind === 'text');
  if (inner.blocks.length > 0) {
    // Block content inside a link (rare): it stands on its own, unlinked.
    builder.flush();
    builder.blocks.push(...inner.blocks);
  }
  const local = hostOf(href) === IMPORT_HOST || /^(?:[./]|[^:]*$)/.test(href);
  if (local || !isAllowedLinkUrl(href)) {
    if (local) ctx.dropped.add('link to a page of the original site', textOf(element));
    else ctx.dropped.add('unsafe link', `${textOf(element)} (${href.slice(0, 40)})`);
    builder.inlines.push(...texts);
    return;
  }
  const cleaned = stripTrackingParams(href);
  ctx.stats.trackingParams += cleaned.removed;
  ctx.stats.links += 1;
  // The spaces around the link text stay outside the link.
  const joined = texts.map((t) => t.text).join('');
  const children = texts.map((t) => ({ ...t }));
  if (children.length > 0) {
    children[0]!.text = children[0]!.text.replace(/^\s+/, '');
    children[children.length - 1]!.text = children[children.length - 1]!.text.replace(/\s+$/, '');
  }
  if (/^\s/.test(joined)) builder.inlines.push(run(' ', format));
  builder.inlines.push({ kind: 'link', url: cleaned.url, children } satisfies LinkRun);
  if (/\s$/.test(joined)) builder.inlines.push(run(' ', format));
}

function listOf(element: Element, ctx: WalkContext, format: Format): ListBlock {
  const list: ListBlock = { kind: 'list', ordered: element.localName === 'ol', items: [] };
  for (const child of Array.from(element.children)) {
    if (child.localName === 'ul' || child.localName === 'ol') {
      // A list written directly inside a list (some editors do that) nests under the previous item.
      const nested = listOf(child, ctx, format);
      const last = list.items[list.items.length - 1];
      if (last) last.sublist = mergeLists(last.sublist, nested);
      else list.items.push(...nested.items);
      continue;
    }
    if (child.localName !== 'li') continue;
    const item: ListItemBlock = { inlines: [] };
    const inner = new Builder();
    for (const part of Array.from(child.childNodes)) {
      if (isElement(part) && (part.localName === 'ul' || part.localName === 'ol')) {
        item.sublist = mergeLists(item.sublist, listOf(part, ctx, format));
        continue;
      }
      const holder = part.ownerDocument!.createElement('span');
      holder.append(part.cloneNode(true));
      walk(holder, inner, format, ctx, false);
    }
    inner.flush();
    const parts: Inline[] = [];
    for (const block of inner.blocks) {
      if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'quote') {
        if (parts.length > 0) parts.push({ kind: 'break' });
        parts.push(...block.inlines);
      }
    }
    item.inlines = tidyInlines(parts);
    if (item.inlines.length > 0 || item.sublist) list.items.push(item);
  }
  return list;
}

function mergeLists(into: ListBlock | undefined, next: ListBlock): ListBlock {
  if (!into) return next;
  return { ...into, items: [...into.items, ...next.items] };
}

function tableRows(table: Element, builder: Builder, ctx: WalkContext): void {
  const rows = Array.from(table.querySelectorAll('tr')).filter((row) => row.closest('table') === table);
  for (const row of rows) {
    const cells = Array.from(row.children).filter(
      (cell) => cell.localName === 'td' || cell.localName === 'th',
    );
    const header = cells.length > 0 && cells.every((cell) => cell.localName === 'th');
    const inlines: Inline[] = [];
    cells.forEach((cell, index) => {
      const inner = new Builder();
      walk(cell, inner, header ? { bold: true } : {}, ctx, false);
      inner.flush();
      const texts = inner.blocks.flatMap((block) =>
        block.kind === 'paragraph' || block.kind === 'heading' ? block.inlines : [],
      );
      if (texts.length === 0) return;
      if (inlines.length > 0 && index > 0) inlines.push(run(' | ', header ? { bold: true } : {}));
      inlines.push(...texts);
      builder.blocks.push(...inner.blocks.filter((block) => block.kind === 'pending-figure'));
    });
    const tidy = tidyInlines(inlines);
    if (tidy.length > 0) builder.blocks.push({ kind: 'paragraph', inlines: tidy });
  }
}

/** A caption paragraph right after a figure (Word's Caption style, or "Photo:"/"Credit:") belongs to it. */
export function attachCaptions(blocks: ParsedBlock[]): void {
  for (let i = 0; i < blocks.length - 1; i++) {
    const figure = blocks[i]!;
    const next = blocks[i + 1]!;
    if (figure.kind !== 'pending-figure' || next.kind !== 'paragraph') continue;
    if (figure.caption !== '' || figure.credit !== '') continue;
    const text = inlineText(next.inlines).replace(/\s+/g, ' ').trim();
    const labelled = /^(?:photo(?:graph)?|credit|picture|image)s?\s*:/i.test(text);
    // A short line under an image that ends in a bracketed credit is its caption: "… (Credit: Name/Agency)".
    const glued =
      text.length <= 400 &&
      /[([]\s*(?:(?:photo\s+)?credit|photo|picture|image)s?\s*:[^()[\]]+[)\]]\.?$/i.test(text);
    if (next.hint !== 'caption' && !labelled && !glued) continue;
    const split = splitCaptionCredit(text.replace(/^caption\s*:\s*/i, ''));
    figure.caption = split.caption;
    figure.credit = split.credit ?? '';
    blocks.splice(i + 1, 1);
  }
}
