// A small block model for imported copy, and its one converter to the Lexical
// JSON the editor loads. Importers (src-main/services/import) read .docx, web
// pages and Markdown into these blocks; blocksToEditorState() writes exactly
// the serialized shapes of the editor's registered nodes
// (src-renderer/editor/nodes.ts, Lexical 0.52.0), so an imported body opens
// like any saved one. Only what the model can say reaches the body: there is
// no way to carry markup, styles, scripts or unsafe links through it.
// Pure TypeScript.
import { wrapEditorState, type BodyEnvelope, type SerializedNodeLike } from '../body';
import type { ImageRef } from '../image';
import { isAllowedLinkUrl } from '../links';
import { IMAGE_FIGURE_TYPE } from '../render/renderArticle';

export interface TextRun {
  kind: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

export interface LinkRun {
  kind: 'link';
  url: string;
  children: TextRun[];
}

export interface LineBreak {
  kind: 'break';
}

export type Inline = TextRun | LinkRun | LineBreak;

export interface ListItemBlock {
  inlines: Inline[];
  /** A list nested under this item. */
  sublist?: ListBlock;
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: ListItemBlock[];
}

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: 2 | 3; inlines: Inline[] }
  | { kind: 'quote'; inlines: Inline[] }
  | ListBlock
  | { kind: 'rule' }
  | { kind: 'figure'; image: ImageRef };

/** Lexical's text format bits (TextNode.format). */
const FORMAT_BITS = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

function textFormat(run: TextRun): number {
  let format = 0;
  if (run.bold) format |= FORMAT_BITS.bold;
  if (run.italic) format |= FORMAT_BITS.italic;
  if (run.strikethrough) format |= FORMAT_BITS.strikethrough;
  if (run.underline) format |= FORMAT_BITS.underline;
  if (run.code) format |= FORMAT_BITS.code;
  return format;
}

function textNode(run: TextRun): SerializedNodeLike {
  return {
    detail: 0,
    format: textFormat(run),
    mode: 'normal',
    style: '',
    text: run.text,
    type: 'text',
    version: 1,
  };
}

const ELEMENT_BASE = { direction: null, format: '', indent: 0 } as const;

/** Same-format neighbours merged, empty runs dropped (Lexical normalises the same way on load). */
export function normaliseInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      if (inline.text === '') continue;
      const last = out[out.length - 1];
      if (last?.kind === 'text' && textFormat(last) === textFormat(inline)) {
        out[out.length - 1] = { ...last, text: last.text + inline.text };
        continue;
      }
      out.push({ ...inline });
    } else if (inline.kind === 'link') {
      const children = normaliseInlines(inline.children).filter((c): c is TextRun => c.kind === 'text');
      if (children.length === 0) continue;
      if (!isAllowedLinkUrl(inline.url)) {
        // A link the editor would refuse keeps its words, not its target.
        out.push(...children);
        continue;
      }
      out.push({ kind: 'link', url: inline.url.trim(), children });
    } else {
      out.push(inline);
    }
  }
  // Merge again across unwrapped links.
  const merged: Inline[] = [];
  for (const inline of out) {
    const last = merged[merged.length - 1];
    if (inline.kind === 'text' && last?.kind === 'text' && textFormat(last) === textFormat(inline)) {
      merged[merged.length - 1] = { ...last, text: last.text + inline.text };
    } else merged.push(inline);
  }
  return merged;
}

function inlineNodes(inlines: readonly Inline[]): SerializedNodeLike[] {
  return normaliseInlines(inlines).map((inline) => {
    if (inline.kind === 'text') return textNode(inline);
    if (inline.kind === 'break') return { type: 'linebreak', version: 1 };
    return {
      children: inline.children.map(textNode),
      rel: null,
      target: null,
      title: null,
      url: inline.url,
      ...ELEMENT_BASE,
      type: 'link',
      version: 1,
    };
  });
}

/** The text format a paragraph remembers for new typing: its first run's. */
function firstFormat(inlines: readonly Inline[]): number {
  const first = normaliseInlines(inlines)[0];
  return first?.kind === 'text' ? textFormat(first) : 0;
}

function paragraphNode(inlines: readonly Inline[]): SerializedNodeLike {
  return {
    children: inlineNodes(inlines),
    ...ELEMENT_BASE,
    textFormat: firstFormat(inlines),
    textStyle: '',
    type: 'paragraph',
    version: 1,
  };
}

function listNode(list: ListBlock, indent: number): SerializedNodeLike {
  const children: SerializedNodeLike[] = [];
  let value = 1;
  for (const item of list.items) {
    children.push({
      children: inlineNodes(item.inlines),
      indent,
      value: value++,
      ...{ direction: null, format: '' },
      type: 'listitem',
      version: 1,
    });
    if (item.sublist && item.sublist.items.length > 0) {
      // Lexical nests a list inside a list item of its own that holds nothing else (and does not count it).
      children.push({
        children: [listNode(item.sublist, indent + 1)],
        indent,
        value,
        ...{ direction: null, format: '' },
        type: 'listitem',
        version: 1,
      });
    }
  }
  return {
    children,
    listType: list.ordered ? 'number' : 'bullet',
    start: 1,
    tag: list.ordered ? 'ol' : 'ul',
    ...ELEMENT_BASE,
    type: 'list',
    version: 1,
  };
}

function figureNode(image: ImageRef): SerializedNodeLike {
  // The same fields, in the same order, as ImageFigureNode.exportJSON().
  return {
    type: IMAGE_FIGURE_TYPE,
    version: 1,
    hash: image.hash,
    mime: image.mime,
    width: image.width,
    height: image.height,
    caption: image.caption,
    credit: image.credit,
    alt: image.alt,
    copyright: image.copyright,
    fromFile: {
      caption: image.fromFile.caption,
      credit: image.fromFile.credit,
      copyright: image.fromFile.copyright,
    },
  };
}

function blockNode(block: Block): SerializedNodeLike {
  switch (block.kind) {
    case 'paragraph':
      return paragraphNode(block.inlines);
    case 'heading':
      return {
        children: inlineNodes(block.inlines),
        tag: `h${block.level}`,
        ...ELEMENT_BASE,
        type: 'heading',
        version: 1,
      };
    case 'quote':
      return { children: inlineNodes(block.inlines), ...ELEMENT_BASE, type: 'quote', version: 1 };
    case 'list':
      return listNode(block, 0);
    case 'rule':
      return { type: 'horizontalrule', version: 1 };
    case 'figure':
      return figureNode(block.image);
  }
}

/** True when a block holds no words (and is not a figure or rule). */
export function isEmptyBlock(block: Block): boolean {
  if (block.kind === 'figure' || block.kind === 'rule') return false;
  if (block.kind === 'list') return block.items.every((item) => inlineText(item.inlines).trim() === '');
  return inlineText(block.inlines).trim() === '';
}

export function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) =>
      inline.kind === 'text' ? inline.text : inline.kind === 'break' ? '\n' : inlineText(inline.children),
    )
    .join('');
}

/** The Lexical editor state for these blocks; an empty body still gets its one empty paragraph. */
export function blocksToEditorState(blocks: readonly Block[]): { root: SerializedNodeLike } {
  const children = blocks.filter((block) => !isEmptyBlock(block)).map(blockNode);
  if (children.length === 0) children.push(paragraphNode([]));
  return { root: { children, ...ELEMENT_BASE, type: 'root', version: 1 } };
}

export function blocksToBody(blocks: readonly Block[]): BodyEnvelope {
  return wrapEditorState(blocksToEditorState(blocks));
}

export function blocksToBodyJson(blocks: readonly Block[]): string {
  return JSON.stringify(blocksToBody(blocks));
}
