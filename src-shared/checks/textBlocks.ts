// The texts the copy checks read, with positions a fix can find again: each
// short field of the article, and each top-level body block as one string.
// A block's text is its text nodes in order; a line break is "\n", a tab
// "\t", and a nested block (a list item, a paragraph inside a quote) starts
// on a new line. src-renderer/checks/applyFix.ts walks the live editor by
// the same rule, so an offset here is an offset there.
import type { SerializedNodeLike } from '../body';

export type TextField = 'kicker' | 'headline' | 'standfirst' | 'byline' | 'bylineRole';
export const TEXT_FIELDS: readonly TextField[] = ['kicker', 'headline', 'standfirst', 'byline', 'bylineRole'];

export interface CheckText {
  field: TextField | 'body';
  nodeIndex?: number;
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
  meta: Record<TextField, string>;
  body: SerializedNodeLike;
}

/** Every checkable text of the article, fields first, then the body's blocks in order. */
export function articleTexts(article: ArticleTexts): CheckText[] {
  const texts: CheckText[] = TEXT_FIELDS.map((field) => ({ field, text: article.meta[field] }));
  const blocks = Array.isArray(article.body.children) ? article.body.children : [];
  blocks.forEach((block, nodeIndex) => {
    if (isNode(block)) texts.push({ field: 'body', nodeIndex, text: blockText(block) });
  });
  return texts;
}
