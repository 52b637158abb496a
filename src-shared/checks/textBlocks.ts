// The texts the copy checks read, with positions a fix can find again: each
// short field of the article, and each top-level body block as one string.
// A block's text is its text nodes in order; a line break is "\n", a tab
// "\t", and a nested block (a list item, a paragraph inside a quote) starts
// on a new line. src-renderer/checks/applyFix.ts walks the live editor by
// the same rule, so an offset here is an offset there.
import type { SerializedNodeLike } from '../body';
import { IMAGE_FIGURE_TYPE } from '../render/renderArticle';

export type TextField = 'kicker' | 'headline' | 'standfirst' | 'byline' | 'bylineRole';
export const TEXT_FIELDS: readonly TextField[] = ['kicker', 'headline', 'standfirst', 'byline', 'bylineRole'];

export interface CheckText {
  field: TextField | 'body' | 'leadImage';
  nodeIndex?: number;
  /** An image's caption: the lead image's (field leadImage) or a body figure's (field body). */
  imageHash?: string;
  part?: 'caption';
  text: string;
}

const INLINE_ELEMENTS: ReadonlySet<string> = new Set(['link', 'autolink']);

function isNode(value: unknown): value is SerializedNodeLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The text of one body block by the rule above. */
export function blockText(block: SerializedNodeLike): string {
  let out = '';
  const visit = (node: SerializedNodeLike, isTop: boolean): void => {
    if (typeof node.text === 'string') {
      out += node.text;
      return;
    }
    if (node.type === 'linebreak') {
      out += '\n';
      return;
    }
    if (node.type === 'tab') {
      out += '\t';
      return;
    }
    if (!Array.isArray(node.children)) return;
    if (!isTop && !INLINE_ELEMENTS.has(node.type) && out !== '') out += '\n';
    for (const child of node.children) if (isNode(child)) visit(child, false);
  };
  visit(block, true);
  return out;
}

export interface ArticleTexts {
  meta: Record<TextField, string> & { leadImage?: { hash: string; caption: string } | null };
  body: SerializedNodeLike;
}

/** Captions of the figures inside one body block (a figure is a block of its own in our editor). */
function figureCaptions(block: SerializedNodeLike): Array<{ hash: string; caption: string }> {
  const out: Array<{ hash: string; caption: string }> = [];
  const visit = (node: SerializedNodeLike): void => {
    if (node.type === IMAGE_FIGURE_TYPE) {
      if (typeof node.hash === 'string' && typeof node.caption === 'string' && node.caption !== '')
        out.push({ hash: node.hash, caption: node.caption });
      return;
    }
    if (Array.isArray(node.children)) for (const child of node.children) if (isNode(child)) visit(child);
  };
  visit(block);
  return out;
}

/** Every checkable text of the article: the fields, the lead image's caption, then the body's blocks and figure captions in order. */
export function articleTexts(article: ArticleTexts): CheckText[] {
  const texts: CheckText[] = TEXT_FIELDS.map((field) => ({ field, text: article.meta[field] }));
  const lead = article.meta.leadImage;
  if (lead && lead.caption !== '')
    texts.push({ field: 'leadImage', imageHash: lead.hash, part: 'caption', text: lead.caption });
  const blocks = Array.isArray(article.body.children) ? article.body.children : [];
  blocks.forEach((block, nodeIndex) => {
    if (!isNode(block)) return;
    texts.push({ field: 'body', nodeIndex, text: blockText(block) });
    for (const figure of figureCaptions(block))
      texts.push({ field: 'body', nodeIndex, imageHash: figure.hash, part: 'caption', text: figure.caption });
  });
  return texts;
}
