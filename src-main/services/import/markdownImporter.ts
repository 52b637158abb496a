// Markdown → parsed document: YAML front matter (yaml) for the fields,
// CommonMark (markdown-it) for the body. Raw HTML inside the Markdown is
// allowed by CommonMark and read like any HTML: only the block model's
// constructs survive it.
import { JSDOM, VirtualConsole } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ARTICLE_TYPES, LIMITS, type ArticleType } from '../../../src-shared/article';
import { splitCaptionCredit } from '../../../src-shared/captionCredit';
import { DropTally } from '../../../src-shared/import/report';
import { documentBlocks, walkNotes, takeFirstHeadingAsHeadline, type PendingFigure } from './htmlToBlocks';
import { importBaseUrl } from './paths';
import { decodeText, describeBytes, isProbablyText } from './sniff';
import { emptyFields, ImportRefusal, type ParsedDocument } from './types';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Front matter keys read, and the names other tools use for the same field. */
const KEYS = {
  kicker: ['kicker', 'section', 'category'],
  headline: ['headline', 'title'],
  standfirst: ['standfirst', 'dek', 'subtitle', 'description', 'summary', 'excerpt'],
  byline: ['byline', 'author'],
  bylineRole: ['byline_role', 'bylineRole', 'role', 'author_role'],
  articleType: ['type', 'article_type', 'articleType'],
  tags: ['tags', 'keywords'],
  slug: ['slug'],
  date: ['date', 'published'],
} as const;

function pick(data: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (data[key] !== undefined && data[key] !== null) return data[key];
  return undefined;
}

function str(value: unknown, max: number): string {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim().slice(0, max);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return '';
}

export function parseMarkdown(
  bytes: Uint8Array,
  path: string,
  spamDomains: readonly string[],
): ParsedDocument {
  const name = path.split('/').pop() ?? path;
  if (!isProbablyText(bytes)) {
    const what = describeBytes(bytes);
    throw new ImportRefusal(`“${name}” is not a Markdown (text) file${what ? `: it is ${what}` : ''}.`);
  }
  let source = decodeText(bytes).replace(/\r\n?/g, '\n');
  const dropped = new DropTally();
  const notes: string[] = [];
  const fields = emptyFields();
  let leadImage: PendingFigure | null = null;
  const match = FRONT_MATTER.exec(source);
  if (match) {
    let data: unknown;
    try {
      data = parseYaml(match[1] ?? '', { maxAliasCount: 50 });
    } catch (error) {
      const where =
        error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line + 1})` : '';
      throw new ImportRefusal(
        `The front matter of “${name}” (between the --- lines at the top) is not valid YAML${where}. Fix it, or remove it, and import again.`,
      );
    }
    source = source.slice(match[0].length);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const record = data as Record<string, unknown>;
      fields.kicker = str(pick(record, KEYS.kicker), LIMITS.shortField);
      fields.headline = str(pick(record, KEYS.headline), LIMITS.shortField);
      fields.standfirst = str(pick(record, KEYS.standfirst), LIMITS.standfirst);
      fields.byline = str(pick(record, KEYS.byline), LIMITS.shortField);
      fields.bylineRole = str(pick(record, KEYS.bylineRole), LIMITS.shortField);
      fields.slug = str(pick(record, KEYS.slug), LIMITS.slug);
      const type = str(pick(record, KEYS.articleType), 40).toLowerCase();
      if ((ARTICLE_TYPES as readonly string[]).includes(type)) fields.articleType = type as ArticleType;
      const tags = pick(record, KEYS.tags);
      const list = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : [];
      fields.tags = [...new Set(list.map((tag) => str(tag, LIMITS.tag)).filter((tag) => tag !== ''))].slice(
        0,
        LIMITS.tags,
      );
      const date = str(pick(record, KEYS.date), 80);
      if (date !== '') notes.push(`Original date: ${date}. Copydesk sets the date when you publish.`);
      const lead = record.lead_image ?? record.leadImage ?? record.image;
      if (typeof lead === 'string' && lead.trim() !== '') {
        leadImage = { kind: 'pending-figure', src: lead.trim(), alt: null, caption: '', credit: '' };
      } else if (lead !== null && typeof lead === 'object' && !Array.isArray(lead)) {
        const image = lead as Record<string, unknown>;
        const src = str(image.src ?? image.url ?? image.path, 1000);
        if (src !== '') {
          const caption = str(image.caption, 2000);
          const split = splitCaptionCredit(caption);
          const credit = str(image.credit, 2000);
          leadImage = {
            kind: 'pending-figure',
            src,
            alt: typeof image.alt === 'string' ? str(image.alt, 2000) : null,
            caption: credit === '' ? split.caption : caption,
            credit: credit !== '' ? credit : (split.credit ?? ''),
          };
        }
      }
    }
  }
  const markdown = new MarkdownIt('commonmark', { html: true });
  const html = markdown.render(source);
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, {
    url: importBaseUrl(path),
    virtualConsole: new VirtualConsole(),
  });
  const { blocks, stats } = documentBlocks(dom.window.document.body, dropped, spamDomains);
  dom.window.close();
  takeFirstHeadingAsHeadline(blocks, fields);
  notes.push(...walkNotes(stats));
  return { kind: 'markdown', fields, blocks, leadImage, embedded: new Map(), notes, needsLook: [], dropped };
}
