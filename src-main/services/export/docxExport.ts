// An article as a Word document, for contributors who want their edit back.
// Built with the `docx` package from the Lexical JSON: headline (Title),
// kicker, standfirst and byline, body headings, paragraphs with bold, italic,
// underline and strikethrough, links, bulleted and numbered lists, quotes,
// and figures (the image, then its caption and credit in Word's "Caption"
// style, so a re-import splits them again).
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { ARTICLE_TYPE_LABELS, displayHeadline, type ArticleMeta } from '../../../src-shared/article';
import type { SerializedNodeLike } from '../../../src-shared/body';
import { ImageRefSchema, type ImageRef } from '../../../src-shared/image';
import {
  DEFAULT_CREDIT_FORMAT,
  formatCredit,
  IMAGE_FIGURE_TYPE,
  PULL_QUOTE_TYPE,
  safeUrl,
} from '../../../src-shared/render/renderArticle';

export interface DocxOptions {
  /** The image's bytes (null when missing: the figure keeps its caption and a note). */
  readImage(image: ImageRef): Promise<Uint8Array | null>;
  creditFormat?: string;
}

const DOCX_IMAGE_TYPES: Partial<Record<ImageRef['mime'], 'jpg' | 'png' | 'gif'>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
};
/** Widest an image is placed, in pixels at 96 dpi (the text width of an A4/Letter page). */
const MAX_IMAGE_WIDTH = 600;

const HEADINGS = {
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
} as const;

function children(node: SerializedNodeLike): SerializedNodeLike[] {
  return Array.isArray(node.children)
    ? node.children.filter(
        (c): c is SerializedNodeLike => typeof c === 'object' && c !== null && typeof c.type === 'string',
      )
    : [];
}

function runs(nodes: SerializedNodeLike[], inherited: { link?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    if (typeof node.text === 'string' && (node.type === 'text' || node.type === 'code-highlight')) {
      const format = typeof node.format === 'number' ? node.format : 0;
      out.push(
        new TextRun({
          text: node.text,
          bold: (format & 1) !== 0,
          italics: (format & 2) !== 0,
          strike: (format & 4) !== 0,
          ...((format & 8) !== 0 ? { underline: {} } : {}),
          ...((format & 32) !== 0 ? { subScript: true } : {}),
          ...((format & 64) !== 0 ? { superScript: true } : {}),
          ...((format & 16) !== 0 ? { font: 'Consolas' } : {}),
          ...(inherited.link ? { style: 'Hyperlink' } : {}),
        }),
      );
    } else if (node.type === 'linebreak') {
      out.push(new TextRun({ text: '', break: 1 }));
    } else if (node.type === 'tab') {
      out.push(new TextRun({ text: '\t' }));
    } else if (node.type === 'link' || node.type === 'autolink') {
      const href = typeof node.url === 'string' ? safeUrl(node.url) : null;
      const inner = runs(children(node), { link: href !== null });
      if (href === null) out.push(...inner);
      else out.push(new ExternalHyperlink({ link: href, children: inner }));
    } else if (node.type !== IMAGE_FIGURE_TYPE) {
      out.push(...runs(children(node), inherited));
    }
  }
  return out;
}

interface Context {
  options: DocxOptions;
  listInstance: number;
}

async function figure(image: ImageRef, ctx: Context): Promise<Paragraph[]> {
  const paragraphs: Paragraph[] = [];
  const type = DOCX_IMAGE_TYPES[image.mime];
  const bytes = await ctx.options.readImage(image);
  if (type && bytes) {
    const scale = Math.min(1, MAX_IMAGE_WIDTH / image.width);
    paragraphs.push(
      new Paragraph({
        children: [
          new ImageRun({
            type,
            data: bytes,
            transformation: {
              width: Math.max(1, Math.round(image.width * scale)),
              height: Math.max(1, Math.round(image.height * scale)),
            },
            altText: { name: 'Figure', title: image.alt, description: image.alt },
          }),
        ],
      }),
    );
  } else {
    const why = bytes ? `${image.mime} cannot be placed in a Word document` : 'the image file is missing';
    paragraphs.push(
      new Paragraph({
        children: [
          new TextRun({ text: `[Image: ${image.alt.trim() || 'no alt text'} — ${why}]`, italics: true }),
        ],
      }),
    );
  }
  if (image.caption.trim() !== '')
    paragraphs.push(new Paragraph({ style: 'Caption', text: image.caption.trim() }));
  if (image.credit.trim() !== '')
    paragraphs.push(
      new Paragraph({
        style: 'Caption',
        text: formatCredit(image.credit.trim(), ctx.options.creditFormat ?? DEFAULT_CREDIT_FORMAT),
      }),
    );
  return paragraphs;
}

function listParagraphs(
  node: SerializedNodeLike,
  level: number,
  ctx: Context,
  instance: number,
): Paragraph[] {
  const reference = node.listType === 'number' ? 'copydesk-numbers' : 'copydesk-bullets';
  const out: Paragraph[] = [];
  for (const item of children(node)) {
    const itemChildren = item.type === 'listitem' ? children(item) : [item];
    const inline = itemChildren.filter((c) => c.type !== 'list');
    if (inline.length > 0)
      out.push(
        new Paragraph({
          children: runs(inline),
          numbering: { reference, level: Math.min(level, 8), instance },
        }),
      );
    for (const nested of itemChildren.filter((c) => c.type === 'list')) {
      ctx.listInstance += 1;
      out.push(...listParagraphs(nested, level + 1, ctx, ctx.listInstance));
    }
  }
  return out;
}

async function blocks(nodes: SerializedNodeLike[], ctx: Context, quoted = false): Promise<Paragraph[]> {
  const out: Paragraph[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'heading': {
        const tag =
          typeof node.tag === 'string' && node.tag in HEADINGS ? (node.tag as keyof typeof HEADINGS) : 'h2';
        out.push(new Paragraph({ heading: HEADINGS[tag], children: runs(children(node)) }));
        break;
      }
      case 'quote':
      case PULL_QUOTE_TYPE:
      case 'pull-quote': {
        const inner = children(node);
        if (inner.some((c) => Array.isArray(c.children) && c.type !== 'link'))
          out.push(...(await blocks(inner, ctx, true)));
        else out.push(new Paragraph({ style: 'Quote', children: runs(inner) }));
        break;
      }
      case 'list':
        ctx.listInstance += 1;
        out.push(...listParagraphs(node, 0, ctx, ctx.listInstance));
        break;
      case 'horizontalrule':
        out.push(new Paragraph({ alignment: AlignmentType.CENTER, text: '* * *' }));
        break;
      case IMAGE_FIGURE_TYPE: {
        const parsed = ImageRefSchema.safeParse(node);
        if (parsed.success) out.push(...(await figure(parsed.data, ctx)));
        break;
      }
      default: {
        const inline = children(node);
        const figures = inline.filter((c) => c.type === IMAGE_FIGURE_TYPE);
        const content = runs(inline);
        if (content.length > 0 || node.type === 'paragraph')
          out.push(new Paragraph({ ...(quoted ? { style: 'Quote' } : {}), children: content }));
        for (const f of figures) out.push(...(await blocks([f], ctx)));
      }
    }
  }
  return out;
}

const BULLETS = ['•', '◦', '▪'];

/** The .docx file's bytes. */
export async function articleToDocx(
  article: { meta: ArticleMeta; body: SerializedNodeLike },
  options: DocxOptions,
): Promise<Buffer> {
  const { meta } = article;
  const ctx: Context = { options, listInstance: 0 };
  const header: Paragraph[] = [];
  header.push(
    new Paragraph({
      style: 'Kicker',
      text: [ARTICLE_TYPE_LABELS[meta.articleType], meta.kicker.trim()].filter(Boolean).join(' · '),
    }),
  );
  header.push(new Paragraph({ heading: HeadingLevel.TITLE, text: displayHeadline(meta.headline) }));
  if (meta.leadImage) header.push(...(await figure(meta.leadImage, ctx)));
  if (meta.standfirst.trim() !== '')
    header.push(new Paragraph({ style: 'Standfirst', text: meta.standfirst.trim() }));
  const byline = [meta.byline.trim(), meta.bylineRole.trim()].filter(Boolean).join(', ');
  if (byline !== '') header.push(new Paragraph({ style: 'Byline', text: byline }));
  const body = await blocks(children(article.body), ctx);
  const doc = new Document({
    creator: 'Copydesk',
    title: displayHeadline(meta.headline),
    ...(meta.standfirst.trim() !== '' ? { description: meta.standfirst.trim() } : {}),
    styles: {
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, size: 18, color: '444444' },
        },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true },
          paragraph: { indent: { left: 720 } },
        },
        { id: 'Standfirst', name: 'Standfirst', basedOn: 'Normal', next: 'Normal', run: { size: 28 } },
        {
          id: 'Kicker',
          name: 'Kicker',
          basedOn: 'Normal',
          next: 'Normal',
          run: { bold: true, allCaps: true, size: 18, color: 'B3121C' },
        },
        { id: 'Byline', name: 'Byline', basedOn: 'Normal', next: 'Normal', run: { bold: true } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'copydesk-bullets',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.BULLET,
            text: BULLETS[level % BULLETS.length]!,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
        {
          reference: 'copydesk-numbers',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: level % 2 === 0 ? LevelFormat.DECIMAL : LevelFormat.LOWER_LETTER,
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: [...header, ...body] }],
  });
  return Packer.toBuffer(doc);
}
