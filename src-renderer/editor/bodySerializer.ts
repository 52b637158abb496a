// The body as the stored envelope JSON, for the autosave (and anything else
// that asks for the current body). The text is the same, character for
// character, as JSON.stringify(wrapEditorState(editorState.toJSON())), but each
// top-level block's JSON is kept by node key and made again only for blocks an
// update changed (changedBlocks.ts). A save during typing in a 100k-word body
// then serializes one paragraph and joins strings, instead of exporting and
// stringifying ~1,000 blocks (several milliseconds of the UI thread per save).
import {
  $exportNodeJSON,
  $getRoot,
  $getSlot,
  $getSlotNames,
  $isElementNode,
  $withCompactExport,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import { createBlockResults } from './changedBlocks';

interface SerializedTree {
  type: string;
  children?: unknown[];
  $slots?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A node and everything below it, as editorState.toJSON() writes it (children, then slots). */
function $exportTree(node: LexicalNode): SerializedTree {
  const serialized = $exportNodeJSON(node) as SerializedTree;
  if ($isElementNode(node)) {
    const children = serialized.children ?? [];
    for (const child of node.getChildren()) children.push($exportTree(child));
  }
  const slotNames = $getSlotNames(node);
  if (slotNames.length > 0) {
    const slots: Record<string, unknown> = {};
    for (const name of slotNames) {
      const slot = $getSlot(node, name as Parameters<typeof $getSlot>[1]);
      if (slot !== null) slots[name] = $exportTree(slot);
    }
    serialized.$slots = slots;
  }
  return serialized;
}

/** Stands in for the root's children while the envelope around them is stringified. */
const CHILDREN_MARKER = '\u0000copydesk-body-children\u0000';

export interface BodySerializer {
  /** The current body as envelope JSON. */
  serialize(): string;
  dispose(): void;
}

export function createBodySerializer(editor: LexicalEditor): BodySerializer {
  const blocks = createBlockResults(editor, (block) => JSON.stringify($exportTree(block)));
  let disposed = false;

  const serialize = (): string => {
    // A session can outlive its editor view (a failing save keeps retrying): serialize it whole.
    if (disposed) return serializeBodyFully(editor);
    const state = editor.getEditorState();
    return state.read(() =>
      $withCompactExport(false, () => {
        const parts = blocks.$collect(state);
        const rootJson = $exportNodeJSON($getRoot()) as SerializedTree;
        rootJson.children = [CHILDREN_MARKER];
        const envelope = JSON.stringify(wrapEditorState({ root: rootJson as SerializedNodeLike }));
        const marker = `[${JSON.stringify(CHILDREN_MARKER)}]`;
        const at = envelope.indexOf(marker);
        return `${envelope.slice(0, at)}[${parts.join(',')}]${envelope.slice(at + marker.length)}`;
      }),
    );
  };

  return {
    serialize,
    dispose() {
      disposed = true;
      blocks.dispose();
    },
  };
}

/** The whole body serialized from scratch (the reference the incremental serializer must equal). */
export function serializeBodyFully(editor: LexicalEditor): string {
  const state = editor.getEditorState().toJSON() as unknown as { root: SerializedNodeLike };
  return JSON.stringify(wrapEditorState(state));
}
