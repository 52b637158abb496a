// Markdown shortcuts the body understands while typing: "## " and "### "
// headings, "> " quote, "- " / "1. " lists, "---" rule, **bold**, *italic*,
// ~~strike~~ and [text](url) links. No code blocks: articles have none.
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import { $createHeadingNode, $isHeadingNode, HeadingNode } from '@lexical/rich-text';
import {
  $createHorizontalRuleNode,
  $isHorizontalRuleNode,
  HorizontalRuleNode,
} from '@lexical/react/LexicalHorizontalRuleNode';
import type { ElementNode, LexicalNode } from 'lexical';

/** Only the heading levels an article uses: "## " -> H2, "### " -> H3. */
export const ARTICLE_HEADING: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node: LexicalNode, exportChildren: (node: ElementNode) => string) => {
    if (!$isHeadingNode(node)) return null;
    const level = node.getTag() === 'h3' ? 3 : 2;
    return `${'#'.repeat(level)} ${exportChildren(node)}`;
  },
  regExp: /^(#{2,3})\s/,
  replace: (parentNode, children, match) => {
    const heading = $createHeadingNode(match[1] === '###' ? 'h3' : 'h2');
    heading.append(...children);
    parentNode.replace(heading);
    heading.select(0, 0);
  },
  type: 'element',
};

export const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node: LexicalNode) => ($isHorizontalRuleNode(node) ? '***' : null),
  regExp: /^(---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    if (isImport || parentNode.getNextSibling() != null) parentNode.replace(rule);
    else parentNode.insertBefore(rule);
    rule.selectNext();
  },
  type: 'element',
};

export const ARTICLE_TRANSFORMERS: Transformer[] = [
  ARTICLE_HEADING,
  HORIZONTAL_RULE,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK,
];
