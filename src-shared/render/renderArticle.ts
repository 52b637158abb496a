// The one renderer from an article to HTML, used for preview, export and every
// publish target. It is also the output sanitizer: it never copies markup from
// the document, it walks the Lexical JSON and emits only the constructs listed
// here, with every text and attribute escaped. Anything it does not know
// becomes escaped plain text. Pure TypeScript: no DOM, no Node.
import { ARTICLE_TYPE_LABELS, displayHeadline, type ArticleMeta } from '../article';
import { parseBody, type BodyEnvelope, type SerializedNodeLike } from '../body';
import { ImageRefSchema, type ImageRef } from '../image';
import { LINK_PROTOCOLS } from '../links';

export interface RenderOptions {
  /** How the credit reads inside the caption; `{credit}` is replaced by the credit, e.g. "Photo: {credit}". */
  creditFormat: string;
  /** Where the published page finds an image's bytes (relative path, /media/<hash>, absolute URL). */
  imageSrc(image: ImageRef): string;
  /** Language of the article for `<html lang>`; "en" when absent. */
  lang?: string;
  /**
   * 'neutralise' writes every "[" as "&#91;" (the same character once parsed),
   * so text a CMS reads for shortcodes (WordPress: `[gallery]`, `[embed]`)
   * stays text. Default 'keep'.
   */
  shortcodes?: 'keep' | 'neutralise';
}

export const CREDIT_FORMATS = [
  'Photo: {credit}',
  '(Credit: {credit})',
  'Picture: {credit}',
  '© {credit}',
] as const;
export const DEFAULT_CREDIT_FORMAT: string = CREDIT_FORMATS[0];

/** The Lexical node type of a body figure; its ImageRef fields sit at the top level of the node. */
export const IMAGE_FIGURE_TYPE = 'image-figure';
/** The editor's pull quote node ('pullquote'); 'pull-quote' is accepted as well. */
export const PULL_QUOTE_TYPE = 'pullquote';
const PULL_QUOTE_TYPES: ReadonlySet<string> = new Set([PULL_QUOTE_TYPE, 'pull-quote']);

/** An article as stored: meta plus the body as envelope JSON, a parsed envelope, or the Lexical root node. */
export interface RenderableArticle {
  meta: ArticleMeta;
  body: string | BodyEnvelope | SerializedNodeLike;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use both in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Rendered HTML with every "[" written as "&#91;". The renderer emits "[" only
 * inside text and attribute values (never as markup), where the entity parses
 * back to the same character: the page reads the same, a shortcode parser
 * finds nothing.
 */
export function neutraliseShortcodes(html: string): string {
  return html.replace(/\[/g, '&#91;');
}

function finish(html: string, options: Pick<RenderOptions, 'shortcodes'>): string {
  return options.shortcodes === 'neutralise' ? neutraliseShortcodes(html) : html;
}

/** Plain text (a title, an excerpt) escaped as the renderer escapes every text. */
export function escapeText(text: string, options: Pick<RenderOptions, 'shortcodes'> = {}): string {
  return finish(escapeHtml(text), options);
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** The URL normalised when it is an absolute http, https or mailto URL; null for anything else. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '' || CONTROL_CHARS.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(parsed.protocol)) return null;
  return parsed.href;
}

/**
 * Image sources come from the caller's `imageSrc`, not from the document, but
 * are still checked: relative paths, http(s) and raster data: URLs only.
 */
function safeImageSrc(src: string): string | null {
  const trimmed = src.trim();
  if (trimmed === '' || CONTROL_CHARS.test(trimmed)) return null;
  if (/^data:image\/(?:jpeg|png|gif|webp|avif);base64,[A-Za-z0-9+/=]+$/.test(trimmed)) return trimmed;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed)) return /^https?:\/\//i.test(trimmed) ? trimmed : null;
  // Protocol-relative and backslash forms can leave the page's origin in surprising ways.
  if (trimmed.startsWith('//') || trimmed.includes('\\')) return null;
  return trimmed;
}

// Lexical text format bits (lexical/src/LexicalConstants.ts, pinned 0.52.0).
const TEXT_FORMAT_TAGS: ReadonlyArray<readonly [bit: number, tag: string]> = [
  [16, 'code'],
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [32, 'sub'],
  [64, 'sup'],
  [128, 'mark'],
];

const INLINE_TYPES = new Set(['text', 'code-highlight', 'tab', 'linebreak', 'link', 'autolink']);
const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'quote',
  PULL_QUOTE_TYPE,
  'pull-quote',
  'list',
  'listitem',
  'horizontalrule',
  'code',
  IMAGE_FIGURE_TYPE,
  'table',
]);

function children(node: SerializedNodeLike): SerializedNodeLike[] {
  return Array.isArray(node.children) ? node.children.filter(isNodeLike) : [];
}

function isNodeLike(value: unknown): value is SerializedNodeLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function plainText(node: SerializedNodeLike): string {
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'linebreak') return '\n';
  return children(node).map(plainText).join('');
}

function renderText(node: SerializedNodeLike): string {
  const text = typeof node.text === 'string' ? node.text : '';
  if (text === '') return '';
  let html = escapeHtml(text);
  const format = typeof node.format === 'number' ? node.format : 0;
  for (const [bit, tag] of TEXT_FORMAT_TAGS) {
    if (format & bit) html = `<${tag}>${html}</${tag}>`;
  }
  return html;
}

function renderLink(node: SerializedNodeLike): string {
  const inner = renderInlines(children(node));
  const href = typeof node.url === 'string' ? safeUrl(node.url) : null;
  if (href === null) return inner;
  return `<a href="${escapeHtml(href)}">${inner}</a>`;
}

function renderInline(node: SerializedNodeLike): string {
  switch (node.type) {
    case 'text':
    case 'code-highlight':
      return renderText(node);
    case 'tab':
      return '\t';
    case 'linebreak':
      return '<br>';
    case 'link':
    case 'autolink':
      return renderLink(node);
    default:
      return escapeHtml(plainText(node));
  }
}

function renderInlines(nodes: SerializedNodeLike[]): string {
  return nodes.map(renderInline).join('');
}

/**
 * Renders inline children inside `open`/`close`; a figure found among them
 * (never placed there by our editor, but JSON is input) closes the block,
 * renders as a figure and reopens it, so no `<figure>` lands inside a `<p>`.
 */
function renderInlineBlock(
  nodes: SerializedNodeLike[],
  open: string,
  close: string,
  options: RenderOptions,
): string {
  const out: string[] = [];
  let run: SerializedNodeLike[] = [];
  const flush = (): void => {
    const inner = renderInlines(run);
    if (inner.trim() !== '') out.push(`${open}${inner}${close}`);
    run = [];
  };
  for (const child of nodes) {
    if (child.type === IMAGE_FIGURE_TYPE) {
      flush();
      out.push(renderFigureNode(child, options));
    } else {
      run.push(child);
    }
  }
  flush();
  return out.join('');
}

function hasBlockChildren(node: SerializedNodeLike): boolean {
  return children(node).some((child) => BLOCK_TYPES.has(child.type));
}

/** A container's content: its block children, or its inline children as one paragraph. */
function renderContainerContent(node: SerializedNodeLike, options: RenderOptions): string {
  if (hasBlockChildren(node)) return renderBlocks(children(node), options);
  return renderInlineBlock(children(node), '<p>', '</p>', options);
}

function headingTag(node: SerializedNodeLike): string {
  const tag = typeof node.tag === 'string' ? node.tag : 'h2';
  // The headline is the page's only h1; body headings start at h2.
  if (tag === 'h1') return 'h2';
  return /^h[2-6]$/.test(tag) ? tag : 'h2';
}

function renderList(node: SerializedNodeLike, options: RenderOptions): string {
  const ordered = node.listType === 'number';
  const tag = ordered ? 'ol' : 'ul';
  const start = typeof node.start === 'number' && Number.isInteger(node.start) ? node.start : 1;
  const startAttr = ordered && start !== 1 ? ` start="${start}"` : '';
  const items: string[] = [];
  for (const item of children(node)) {
    const itemChildren = item.type === 'listitem' ? children(item) : [item];
    const nestedOnly = itemChildren.length > 0 && itemChildren.every((c) => c.type === 'list');
    // Lexical keeps a nested list in its own list item; HTML nests it in the previous item.
    if (nestedOnly && items.length > 0) {
      items[items.length - 1] += itemChildren.map((c) => renderList(c, options)).join('');
      continue;
    }
    const inner = itemChildren
      .map((c) => (c.type === 'list' ? renderList(c, options) : renderInline(c)))
      .join('');
    items.push(inner);
  }
  if (items.length === 0) return '';
  return `<${tag}${startAttr}>${items.map((inner) => `<li>${inner}</li>`).join('')}</${tag}>`;
}

function renderFigureNode(node: SerializedNodeLike, options: RenderOptions): string {
  const parsed = ImageRefSchema.safeParse(node);
  // A figure whose reference is broken has no bytes to point at: leave it out rather than emit a broken image.
  return parsed.success ? renderFigureHtml(parsed.data, options) : '';
}

function renderBlock(node: SerializedNodeLike, options: RenderOptions): string {
  if (PULL_QUOTE_TYPES.has(node.type)) {
    const inner = renderContainerContent(node, options);
    return inner === '' ? '' : `<aside class="pull-quote">${inner}</aside>`;
  }
  switch (node.type) {
    case 'paragraph':
      return renderInlineBlock(children(node), '<p>', '</p>', options);
    case 'heading': {
      const tag = headingTag(node);
      return renderInlineBlock(children(node), `<${tag}>`, `</${tag}>`, options);
    }
    case 'quote': {
      const inner = renderContainerContent(node, options);
      return inner === '' ? '' : `<blockquote>${inner}</blockquote>`;
    }
    case 'list':
      return renderList(node, options);
    case 'horizontalrule':
      return '<hr>';
    case 'code': {
      const text = plainText(node);
      return text.trim() === '' ? '' : `<pre><code>${escapeHtml(text)}</code></pre>`;
    }
    case IMAGE_FIGURE_TYPE:
      return renderFigureNode(node, options);
    default: {
      if (hasBlockChildren(node)) return renderBlocks(children(node), options);
      const text = plainText(node);
      return text.trim() === '' ? '' : `<p>${escapeHtml(text)}</p>`;
    }
  }
}

function renderBlocks(nodes: SerializedNodeLike[], options: RenderOptions): string {
  const out: string[] = [];
  let inlineRun: SerializedNodeLike[] = [];
  const flushInline = (): void => {
    if (inlineRun.length > 0) out.push(renderInlineBlock(inlineRun, '<p>', '</p>', options));
    inlineRun = [];
  };
  for (const node of nodes) {
    if (BLOCK_TYPES.has(node.type) || (!INLINE_TYPES.has(node.type) && Array.isArray(node.children))) {
      flushInline();
      out.push(renderBlock(node, options));
    } else {
      inlineRun.push(node);
    }
  }
  flushInline();
  return out.filter((html) => html !== '').join('\n');
}

/** HTML for a Lexical body (the root node, or any node whose children are blocks). */
export function renderBodyHtml(root: SerializedNodeLike, options: RenderOptions): string {
  return finish(renderBlocks(children(root), options), options);
}

/** The credit as it reads in print: the configured format with `{credit}` filled in, escaped. */
export function formatCredit(credit: string, creditFormat: string): string {
  const format = creditFormat.includes('{credit}') ? creditFormat : DEFAULT_CREDIT_FORMAT;
  return format.split('{credit}').join(credit);
}

/** A figure's caption as inline HTML: the caption, then the credit in `<span class="credit">`; '' when both are empty. */
export function renderCaptionHtml(
  image: Pick<ImageRef, 'caption' | 'credit'>,
  options: Pick<RenderOptions, 'creditFormat' | 'shortcodes'>,
): string {
  const caption = image.caption.trim();
  const credit = image.credit.trim();
  const parts: string[] = [];
  if (caption !== '') parts.push(escapeHtml(caption));
  if (credit !== '')
    parts.push(`<span class="credit">${escapeHtml(formatCredit(credit, options.creditFormat))}</span>`);
  return finish(parts.join(' '), options);
}

/** `<figure>` with the image and a `<figcaption>` holding the caption and the credit in its own element. */
export function renderFigureHtml(image: ImageRef, options: RenderOptions, className?: string): string {
  const src = safeImageSrc(options.imageSrc(image));
  if (src === null) return '';
  const classAttr = className ? ` class="${escapeHtml(className)}"` : '';
  const img =
    `<img src="${escapeHtml(src)}" alt="${escapeHtml(image.alt.trim())}"` +
    ` width="${image.width}" height="${image.height}" loading="lazy" decoding="async">`;
  const captionHtml = renderCaptionHtml(image, options);
  const figcaption = captionHtml !== '' ? `<figcaption>${captionHtml}</figcaption>` : '';
  return finish(`<figure${classAttr}>${img}${figcaption}</figure>`, options);
}

/** `<p class="byline">` with the name and role; '' when the article has neither. */
export function renderBylineHtml(
  meta: Pick<ArticleMeta, 'byline' | 'bylineRole'>,
  options: Pick<RenderOptions, 'shortcodes'> = {},
): string {
  const byline = meta.byline.trim();
  const role = meta.bylineRole.trim();
  if (byline === '' && role === '') return '';
  const name = byline !== '' ? `<span class="byline-name">${escapeHtml(byline)}</span>` : '';
  const roleHtml = role !== '' ? `<span class="byline-role">${escapeHtml(role)}</span>` : '';
  return finish(`<p class="byline">${[name, roleHtml].filter((p) => p !== '').join(', ')}</p>`, options);
}

function bodyRoot(body: RenderableArticle['body']): SerializedNodeLike {
  if (typeof body === 'string') return parseBody(body).editorState.root;
  if ('editorState' in body && typeof body.editorState === 'object' && body.editorState !== null) {
    return (body as BodyEnvelope).editorState.root;
  }
  return body as SerializedNodeLike;
}

/**
 * The article as one `<article>`: type label, kicker, headline, lead figure
 * (above the standfirst), standfirst, byline with role, body.
 * Throws BodyFormatError when the stored body cannot be read.
 */
export function renderArticleHtml(article: RenderableArticle, options: RenderOptions): string {
  const { meta } = article;
  const header: string[] = [];
  header.push(`<p class="article-type">${escapeHtml(ARTICLE_TYPE_LABELS[meta.articleType])}</p>`);
  if (meta.kicker.trim() !== '') header.push(`<p class="kicker">${escapeHtml(meta.kicker.trim())}</p>`);
  header.push(`<h1>${escapeHtml(displayHeadline(meta.headline))}</h1>`);
  if (meta.leadImage) {
    const lead = renderFigureHtml(meta.leadImage, options, 'lead-image');
    if (lead !== '') header.push(lead);
  }
  if (meta.standfirst.trim() !== '')
    header.push(`<p class="standfirst">${escapeHtml(meta.standfirst.trim())}</p>`);
  const byline = renderBylineHtml(meta);
  if (byline !== '') header.push(byline);
  const body = renderBodyHtml(bodyRoot(article.body), options);
  return finish(
    `<article class="article article-${meta.articleType}">\n` +
      `<header>\n${header.join('\n')}\n</header>\n` +
      `<div class="article-body">\n${body}\n</div>\n` +
      `</article>`,
    options,
  );
}

const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5c5c5c; --rule: #d9d6d0; --accent: #b3121c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fdfcf9; color: var(--ink); font: 1.1875rem/1.6 Georgia, "Times New Roman", "DejaVu Serif", serif; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header { margin-bottom: 1.5rem; }
.article-type, .kicker { display: inline-block; margin: 0 0.75rem 0.5rem 0; font: 700 0.8125rem/1.2 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; letter-spacing: 0.06em; text-transform: uppercase; }
.article-type { color: var(--muted); }
.kicker { color: var(--accent); }
h1 { margin: 0.25rem 0 1rem; font-size: 2.4rem; line-height: 1.15; font-weight: 700; }
h2, h3, h4, h5, h6 { margin: 2rem 0 0.5rem; line-height: 1.25; }
h2 { font-size: 1.5rem; } h3 { font-size: 1.25rem; } h4, h5, h6 { font-size: 1.1rem; }
.standfirst { margin: 0 0 1rem; font-size: 1.35rem; line-height: 1.45; color: #333; }
.byline { margin: 0; padding: 0.75rem 0; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); font: 0.95rem/1.4 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
.byline-name { font-weight: 700; }
.byline-role { color: var(--muted); }
figure { margin: 1.5rem 0; }
figure.lead-image { margin: 0 0 1.25rem; }
figure img { display: block; max-width: 100%; height: auto; background: #eee; }
figcaption { margin-top: 0.5rem; font: 0.875rem/1.45 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: #444; }
.credit { color: var(--muted); font-size: 0.8125rem; }
p { margin: 0 0 1.1rem; }
a { color: #0b4f8a; text-underline-offset: 0.15em; }
blockquote { margin: 1.5rem 0; padding: 0 0 0 1.25rem; border-left: 3px solid var(--rule); color: #333; font-style: italic; }
.pull-quote { margin: 2rem 0; padding: 1rem 0; border-top: 3px solid var(--accent); border-bottom: 1px solid var(--rule); font-size: 1.5rem; line-height: 1.35; font-style: italic; }
.pull-quote p { margin: 0; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem auto; width: 40%; }
ul, ol { padding-left: 1.5rem; margin: 0 0 1.1rem; }
li { margin-bottom: 0.35rem; }
pre { overflow-x: auto; padding: 0.75rem; background: #f2f0eb; font-size: 0.9rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
mark { background: #fff3a3; }
@media print { body { background: #fff; } main { max-width: none; padding: 0; } a { color: inherit; } }
`.trim();

/**
 * A complete, self-contained HTML document for the article: inline styles, no
 * scripts, a Content-Security-Policy that forbids them, readable offline.
 */
export function renderArticlePage(article: RenderableArticle, options: RenderOptions): string {
  const { meta } = article;
  const lang =
    options.lang && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(options.lang) ? options.lang : 'en';
  const title = displayHeadline(meta.headline);
  const description = meta.standfirst.trim();
  const articleHtml = renderArticleHtml(article, options);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    `<title>${escapeHtml(title)}</title>`,
    description !== '' ? `<meta name="description" content="${escapeHtml(description)}">` : '',
    meta.byline.trim() !== '' ? `<meta name="author" content="${escapeHtml(meta.byline.trim())}">` : '',
    `<style>\n${PAGE_STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    articleHtml,
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
