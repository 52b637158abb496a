// Every node the article body may hold, in one list. The stored JSON of a
// body can only contain these types; adding a node here is a format change
// (see src-shared/body.ts).
import type { Klass, LexicalNode } from 'lexical';
import type { SerializedNodeLike } from '../../src-shared/body';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { LinkNode } from '@lexical/link';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { PullQuoteNode } from './nodes/PullQuoteNode';
import { ImageFigureNode } from '../images/ImageFigureNode';

export const ARTICLE_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  HorizontalRuleNode,
  PullQuoteNode,
  ImageFigureNode,
];

const BUILT_IN_TYPES = ['root', 'paragraph', 'text', 'linebreak', 'tab'];

/** Node types in a stored body that this build has no node class for (a newer Copydesk wrote them). */
export function unknownNodeTypes(root: SerializedNodeLike): string[] {
  const known = new Set([...BUILT_IN_TYPES, ...ARTICLE_NODES.map((klass) => klass.getType())]);
  const unknown = new Set<string>();
  const walk = (node: SerializedNodeLike): void => {
    if (!known.has(node.type)) unknown.add(node.type);
    node.children?.forEach(walk);
  };
  walk(root);
  return [...unknown];
}
