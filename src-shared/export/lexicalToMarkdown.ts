// An article as Markdown (CommonMark) with YAML front matter for its fields.
// Pure: walks the Lexical JSON like the HTML renderer and emits only the
// constructs listed here. Text is escaped so it never turns into markup or
// raw HTML; links keep http, https and mailto only (the renderer's rule).
import { stringify } from 'yaml';
import { ARTICLE_TYPE_LABELS, type ArticleMeta } from '../article';
import type { SerializedNodeLike } from '../body';
import { ImageRefSchema, type ImageRef } from '../image';
import {
  DEFAULT_CREDIT_FORMAT,
  formatCredit,
  IMAGE_FIGURE_TYPE,
  PULL_QUOTE_TYPE,
  safeUrl,
} from '../render/renderArticle';

export interface MarkdownOptions {
  /** Where the Markdown file finds an image (e.g. "images/<file>"). */
  imageSrc(image: ImageRef): string;
  /** How the credit reads after the caption; default "Photo: {credit}". */
  creditFormat?: string;
}

/** The front matter's fields: the article meta's names, the lead image as a path plus its texts. */
export interface MarkdownFrontMatter {
  kicker?: string;
  headline: string;
  standfirst?: string;
  byline?: string;
  bylineRole?: string;
  articleType: ArticleMeta['articleType'];
  tags?: string[];
  slug?: string;
  leadImage?: { src: string; alt: string; caption: string; credit: string };
}

// Lexical text format bits (pinned 0.52.0), as in the HTML renderer.
const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const CODE = 16;

function children(node: SerializedNodeLike): SerializedNodeLike[] {
  return Array.isArray(node.children)
    ? node.children.filter(
        (c): c is SerializedNodeLike => typeof c === 'object' && c !== null && typeof c.type === 'string',
      )
    : [];
}

/** Backslash-escapes every character that could start Markdown or HTML inside a line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~&]/g, '\\$&').replace(/\u00a0/g, '&nbsp;');
}

/** Escapes what would start a block at the beginning of a line ("1. ", "- ", "> " …). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(\d+)([.)])(\s|$)/, '$1$2\\$3$4').replace(/^(\s*)([-+=>#])/, '$1\\$2');
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function wrap(text: string, marker: string): string {
  // Emphasis may not start or end with a space: keep the spaces outside.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const [, lead = '', core = '', trail = ''] = match;
  return core === '' ? text : `${lead}${marker}${core}${marker}${trail}`;
}

function renderTextRun(text: string, format: number): string {
  if (text === '') return '';
  if (format & CODE) return inlineCode(text);
  let out = text
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('\\\n');
  if (format & STRIKE) out = wrap(out, '~~');
  if (format & ITALIC) out = wrap(out, '*');
  if (format & BOLD) out = wrap(out, '**');
  return out;
}

function renderInlines(nodes: SerializedNodeLike[]): string {
  let out = '';
  // Neighbouring text nodes with one format become one run ("**a****b**" is not bold "ab").
  let run = '';
  let runFormat = -1;
  const flush = (): void => {
    out += renderTextRun(run, Math.max(runFormat, 0));
    run = '';
    runFormat = -1;
  };
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'code-highlight') {
      const format = typeof node.format === 'number' ? node.format : 0;
      if (runFormat !== -1 && format !== runFormat) flush();
      runFormat = format;
      run += typeof node.text === 'string' ? node.text : '';
      continue;
    }
    flush();
    if (node.type === 'linebreak') out += '\\\n';
    else if (node.type === 'tab') out += '\t';
    else if (node.type === 'link' || node.type === 'autolink') {
      const label = renderInlines(children(node));
      const href = typeof node.url === 'string' ? safeUrl(node.url) : null;
      out += href === null ? label : `[${label}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    } else if (typeof node.text === 'string') out += escapeMarkdown(node.text);
    else out += renderInlines(children(node));
  }
  flush();
  return out;
}

function inlineBlock(node: SerializedNodeLike): string {
  return renderInlines(children(node).filter((c) => c.type !== IMAGE_FIGURE_TYPE))
    .split('\n')
    .map(escapeLineStart)
    .join('\n');
}

function quoteLines(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function renderList(node: SerializedNodeLike, depth: number, options: MarkdownOptions): string[] {
  const ordered = node.listType === 'number';
  let number = typeof node.start === 'number' && Number.isInteger(node.start) ? node.start : 1;
  const lines: string[] = [];
  const indent = '   '.repeat(depth);
  for (const item of children(node)) {
    const itemChildren = item.type === 'listitem' ? children(item) : [item];
    const nested = itemChildren.filter((c) => c.type === 'list');
    const inline = itemChildren.filter((c) => c.type !== 'list');
    if (inline.length > 0 || nested.length === 0) {
      const marker = ordered ? `${number}.` : '-';
      number += 1;
      const text = renderInlines(inline).replace(/\n/g, `\n${indent}   `);
      lines.push(`${indent}${marker} ${text}`.trimEnd());
    }
    for (const list of nested) lines.push(...renderList(list, depth + 1, options));
  }
  return lines;
}

function renderFigure(image: ImageRef, options: MarkdownOptions): string {
  const src = options.imageSrc(image).replace(/[<>\s]/g, encodeURIComponent);
  const lines = [`![${escapeMarkdown(image.alt.trim())}](<${src}>)`];
  const caption = image.caption.trim();
  const credit = image.credit.trim();
  const parts: string[] = [];
  if (caption !== '') parts.push(`*${escapeMarkdown(caption)}*`);
  if (credit !== '')
    parts.push(escapeMarkdown(formatCredit(credit, options.creditFormat ?? DEFAULT_CREDIT_FORMAT)));
  if (parts.length > 0) lines.push(parts.join(' '));
  return lines.join('\n');
}

function renderBlock(node: SerializedNodeLike, options: MarkdownOptions): string {
  switch (node.type) {
    case 'paragraph':
      return inlineBlock(node);
    case 'heading': {
      const tag = typeof node.tag === 'string' ? node.tag : 'h2';
      const level = Math.min(6, Math.max(2, Number(tag.slice(1)) || 2));
      return `${'#'.repeat(level)} ${renderInlines(children(node)).replace(/\\\n/g, ' ')}`;
    }
    case 'quote':
    case PULL_QUOTE_TYPE:
    case 'pull-quote': {
      const inner = children(node).some((c) => Array.isArray(c.children) && c.type !== 'link')
        ? renderBlocks(children(node), options)
        : inlineBlock(node);
      return inner.trim() === '' ? '' : quoteLines(inner);
    }
    case 'list':
      return renderList(node, 0, options).join('\n');
    case 'horizontalrule':
      return '---';
    case 'code': {
      const text = children(node)
        .map((c) => (typeof c.text === 'string' ? c.text : c.type === 'linebreak' ? '\n' : ''))
        .join('');
      const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));
      return text.trim() === '' ? '' : `${fence}\n${text}\n${fence}`;
    }
    case IMAGE_FIGURE_TYPE: {
      const parsed = ImageRefSchema.safeParse(node);
      return parsed.success ? renderFigure(parsed.data, options) : '';
    }
    default:
      return Array.isArray(node.children) ? renderBlocks(children(node), options) : '';
  }
}

function renderBlocks(nodes: SerializedNodeLike[], options: MarkdownOptions): string {
  const out: string[] = [];
  for (const node of nodes) {
    const figures =
      node.type === 'paragraph' ? children(node).filter((c) => c.type === IMAGE_FIGURE_TYPE) : [];
    const markdown = renderBlock(node, options);
    if (markdown.trim() !== '') out.push(markdown);
    for (const figure of figures) out.push(renderBlock(figure, options));
  }
  return out.join('\n\n');
}

/** The body's Markdown (no front matter). */
export function bodyToMarkdown(root: SerializedNodeLike, options: MarkdownOptions): string {
  return renderBlocks(children(root), options);
}

export function frontMatterOf(meta: ArticleMeta, options: MarkdownOptions): MarkdownFrontMatter {
  const fields: MarkdownFrontMatter = { headline: meta.headline, articleType: meta.articleType };
  if (meta.kicker.trim() !== '') fields.kicker = meta.kicker;
  if (meta.standfirst.trim() !== '') fields.standfirst = meta.standfirst;
  if (meta.byline.trim() !== '') fields.byline = meta.byline;
  if (meta.bylineRole.trim() !== '') fields.bylineRole = meta.bylineRole;
  if (meta.tags.length > 0) fields.tags = [...meta.tags];
  if (meta.slug.trim() !== '') fields.slug = meta.slug;
  if (meta.leadImage) {
    fields.leadImage = {
      src: options.imageSrc(meta.leadImage),
      alt: meta.leadImage.alt,
      caption: meta.leadImage.caption,
      credit: meta.leadImage.credit,
    };
  }
  return fields;
}

/** The whole article: "---" YAML front matter "---", a blank line, the body, a final newline. */
export function articleToMarkdown(
  article: { meta: ArticleMeta; body: SerializedNodeLike },
  options: MarkdownOptions,
): string {
  const yaml = stringify(frontMatterOf(article.meta, options), { lineWidth: 0 }).trimEnd();
  const body = bodyToMarkdown(article.body, options);
  return `---\n# ${ARTICLE_TYPE_LABELS[article.meta.articleType]}, exported by Copydesk\n${yaml}\n---\n\n${body}\n`;
}
