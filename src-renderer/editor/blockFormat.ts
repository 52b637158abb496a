// Block-level formatting the toolbar and the keyboard shortcuts share.
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { $setBlocksType } from '@lexical/selection';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import { $createPullQuoteNode, $isPullQuoteNode } from './nodes/PullQuoteNode';

export type BlockType = 'paragraph' | 'h2' | 'h3' | 'quote' | 'pullquote' | 'bullet' | 'number' | 'other';

export function $blockTypeOf(node: LexicalNode): BlockType {
  const list = $getNearestNodeOfType(node, ListNode);
  if (list) return list.getListType() === 'number' ? 'number' : 'bullet';
  const top =
    node.getKey() === 'root'
      ? null
      : $findMatchingParent(node, (candidate) => {
          const parent = candidate.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        });
  if (!top) return 'paragraph';
  if ($isHeadingNode(top)) {
    const tag = top.getTag();
    return tag === 'h2' || tag === 'h3' ? tag : 'other';
  }
  if ($isQuoteNode(top)) return 'quote';
  if ($isPullQuoteNode(top)) return 'pullquote';
  if ($isListNode(top)) return top.getListType() === 'number' ? 'number' : 'bullet';
  return 'paragraph';
}

export function $currentBlockType(): BlockType {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return 'paragraph';
  return $blockTypeOf(selection.anchor.getNode());
}

const creators: Record<'h2' | 'h3' | 'quote' | 'pullquote', () => ElementNode> = {
  h2: () => $createHeadingNode('h2'),
  h3: () => $createHeadingNode('h3'),
  quote: () => $createQuoteNode(),
  pullquote: () => $createPullQuoteNode(),
};

/** Applies a block type to the selected blocks, or turns them back into paragraphs when they already have it. */
export function toggleBlockType(
  editor: LexicalEditor,
  target: 'h2' | 'h3' | 'quote' | 'pullquote' | 'bullet' | 'number',
): void {
  editor.update(() => {
    const current = $currentBlockType();
    if (target === 'bullet' || target === 'number') {
      editor.dispatchCommand(
        current === target
          ? REMOVE_LIST_COMMAND
          : target === 'bullet'
            ? INSERT_UNORDERED_LIST_COMMAND
            : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (current === target) $setBlocksType(selection, () => $createParagraphNode());
    else $setBlocksType(selection, creators[target]);
  });
}
