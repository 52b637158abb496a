// The body as the stored envelope JSON, for the autosave (and anything else
// that asks for the current body). The text is the same, character for
// character, as JSON.stringify(wrapEditorState(editorState.toJSON())), but each
// top-level block's JSON is kept by node key and made again only for blocks an
// update changed (changedBlocks.ts). A save during typing in a 100k-word body
// then serializes one paragraph and joins strings, instead of exporting and
// stringifying ~1,000 blocks (several milliseconds of the UI thread per save).
// parts() hands the blocks over unjoined, each with its hash, for a save that
// sends only the blocks changed since the last one (src-shared/bodyPatch.ts).
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
import { envelopeAround, hashText, joinBodyParts, type HashedBodyParts } from '../../src-shared/bodyPatch';
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

export interface BodySerializer {
  /** The current body as envelope JSON. */
  serialize(): string;
  /** The current body split at its top-level blocks (for a save as a patch), or null once disposed. */
  parts(): HashedBodyParts | null;
  dispose(): void;
}

interface SerializedBlock {
  json: string;
  hash: number;
}

export function createBodySerializer(editor: LexicalEditor): BodySerializer {
  const blocks = createBlockResults<SerializedBlock>(editor, (block) => {
    const json = JSON.stringify($exportTree(block));
    return { json, hash: hashText(json) };
  });
  let disposed = false;

  const parts = (): HashedBodyParts | null => {
    if (disposed) return null;
    const state = editor.getEditorState();
    return state.read(() =>
      $withCompactExport(false, () => {
        const collected = blocks.$collect(state);
        const rootJson = $exportNodeJSON($getRoot()) as SerializedTree;
        const { head, tail } = envelopeAround(wrapEditorState({ root: rootJson as SerializedNodeLike }));
        return {
          head,
          tail,
          blocks: collected.map((block) => block.json),
          hashes: collected.map((block) => block.hash),
        };
      }),
    );
  };

  return {
    // A session can outlive its editor view (a failing save keeps retrying): serialize it whole.
    serialize: () => {
      const current = parts();
      return current === null ? serializeBodyFully(editor) : joinBodyParts(current);
    },
    parts,
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
