// Applies a finding's fix: in a short field through the form's own update,
// in the body through one Lexical update that splices the text node holding
// the range. Offsets follow src-shared/checks/textBlocks.ts (the same walk
// over the live nodes). A fix is applied only while the flagged text is still
// where the check saw it; otherwise the caller re-checks.
import {
  $createRangeSelection,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  $setSelection,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import type { ArticleMeta } from '../../src-shared/article';
import { $isImageFigureNode, type ImageFigureNode } from '../images/ImageFigureNode';
import type { CheckLocation } from '../../src-shared/checks/findings';
import { TEXT_FIELDS, type TextField } from '../../src-shared/checks/textBlocks';

export type FixOutcome = 'applied' | 'stale' | 'spans-formatting';

interface Segment {
  node: TextNode;
  start: number;
}

function $segments(block: LexicalNode): Segment[] {
  const segments: Segment[] = [];
  let length = 0;
  let out = '';
  const visit = (node: LexicalNode, isTop: boolean): void => {
    if ($isTextNode(node)) {
      segments.push({ node, start: length });
      const text = node.getTextContent();
      out += text;
      length += text.length;
      return;
    }
    if ($isLineBreakNode(node)) {
      out += '\n';
      length += 1;
      return;
    }
    if (!$isElementNode(node)) return;
    if (!isTop && !node.isInline() && out !== '') {
      out += '\n';
      length += 1;
    }
    for (const child of node.getChildren()) visit(child, false);
  };
  visit(block, true);
  return segments;
}

/** The text node and offsets holding [start, end) of a body block, if one node holds all of it. */
function $locate(
  location: CheckLocation,
): { node: TextNode; offset: number; length: number } | 'stale' | 'spans-formatting' {
  const { nodeIndex, start, end, text } = location;
  if (nodeIndex === undefined || start === undefined || end === undefined || text === undefined)
    return 'stale';
  const block = $getRoot().getChildAtIndex(nodeIndex);
  if (!block) return 'stale';
  const segments = $segments(block);
  const joined = segments.map((s) => s.node.getTextContent());
  for (const [i, segment] of segments.entries()) {
    const content = joined[i]!;
    if (start >= segment.start && start < segment.start + content.length) {
      const offset = start - segment.start;
      if (end > segment.start + content.length) {
        return 'spans-formatting';
      }
      if (content.slice(offset, offset + (end - start)) !== text) return 'stale';
      return { node: segment.node, offset, length: end - start };
    }
  }
  return 'stale';
}

/** The figure with `imageHash` in body block `nodeIndex` (the block itself or inside it). */
function $figureIn(location: CheckLocation): ImageFigureNode | null {
  if (location.nodeIndex === undefined || location.imageHash === undefined) return null;
  const block = $getRoot().getChildAtIndex(location.nodeIndex);
  const visit = (node: LexicalNode): ImageFigureNode | null => {
    if ($isImageFigureNode(node)) return node.getImage().hash === location.imageHash ? node : null;
    if (!$isElementNode(node)) return null;
    for (const child of node.getChildren()) {
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  return block ? visit(block) : null;
}

/** The caption with [start, end) replaced, or null when the flagged text is no longer there. */
function replacedCaption(caption: string, location: CheckLocation, replacement: string): string | null {
  const { start, end, text } = location;
  if (start === undefined || end === undefined || caption.slice(start, end) !== text) return null;
  return caption.slice(0, start) + replacement + caption.slice(end);
}

export function applyBodyFix(
  editor: LexicalEditor,
  location: CheckLocation,
  replacement: string,
): FixOutcome {
  let outcome: FixOutcome = 'stale';
  if (location.part === 'caption') {
    editor.update(
      () => {
        const figure = $figureIn(location);
        if (!figure) return;
        const image = figure.getImage();
        const caption = replacedCaption(image.caption, location, replacement);
        if (caption === null) return;
        figure.setImage({ ...image, caption, fromFile: { ...image.fromFile, caption: false } });
        outcome = 'applied';
      },
      { discrete: true },
    );
    return outcome;
  }
  editor.update(
    () => {
      const found = $locate(location);
      if (typeof found === 'string') {
        outcome = found;
        return;
      }
      const { node, offset, length } = found;
      node.spliceText(offset, length, replacement, false);
      outcome = 'applied';
    },
    { discrete: true },
  );
  return outcome;
}

/** Selects the flagged text in the body so the editor sees it (after focusFinding has scrolled there). */
export function selectBodyRange(editor: LexicalEditor, location: CheckLocation): void {
  if (location.part === 'caption') return;
  editor.update(() => {
    const found = $locate(location);
    if (typeof found === 'string') return;
    const selection = $createRangeSelection();
    selection.anchor.set(found.node.getKey(), found.offset, 'text');
    selection.focus.set(found.node.getKey(), found.offset + found.length, 'text');
    $setSelection(selection);
  });
}

export function isTextField(field: string): field is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(field);
}

/** The changed field value, or null when the flagged text is no longer there. */
export function fixedFieldValue(
  meta: ArticleMeta,
  location: CheckLocation,
  replacement: string,
): Partial<ArticleMeta> | null {
  const { field, start, end, text } = location;
  if (field === 'leadImage' && location.part === 'caption' && meta.leadImage) {
    const caption = replacedCaption(meta.leadImage.caption, location, replacement);
    return caption === null
      ? null
      : {
          leadImage: { ...meta.leadImage, caption, fromFile: { ...meta.leadImage.fromFile, caption: false } },
        };
  }
  if (!isTextField(field) || start === undefined || end === undefined) return null;
  const value = meta[field];
  if (value.slice(start, end) !== text) return null;
  return { [field]: value.slice(0, start) + replacement + value.slice(end) };
}
