// Which blocks of the body changed since someone last looked: the word count
// and the autosave's serializer keep a result per top-level block and redo
// only the blocks whose keys land here, so a keystroke in a 100k-word body
// costs them one paragraph, not the whole text.
//
// Lexical names what an update changed in dirtyElements (every element
// written, and every ancestor of a node written) and dirtyLeaves (text,
// decorators and line breaks written). A block whose own object stayed the
// same can still have new text below it, so blocks are matched by key against
// those sets, never by object identity. An update that swaps in a whole state
// (setEditorState: loading a body, undo and redo) names only the root, so it
// and anything this tracker did not see marks every block changed.
import {
  $getRoot,
  HISTORIC_TAG,
  type EditorState,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';

interface ChangedBlocks {
  /** Every block counts as changed (a whole state was set, or an update went unseen). */
  all: boolean;
  /** Keys of nodes written since the last reset; a block changed when its key is here. */
  readonly keys: Set<NodeKey>;
  /** The editor state the sets describe (the latest one the tracker saw). */
  seen: EditorState;
}

/** True when `block` must be redone: `all` is set or Lexical wrote the block or a node inside it. */
function isBlockChanged(changed: ChangedBlocks, key: NodeKey): boolean {
  return changed.all || changed.keys.has(key);
}

/** Forgets what changed, after a consumer brought its per-block results up to `state`. */
function resetChangedBlocks(changed: ChangedBlocks, state: EditorState): void {
  changed.all = false;
  changed.keys.clear();
  changed.seen = state;
}

/**
 * Records in `changed` what every committed update wrote; `onChange` runs after
 * an update that changed content (not after a selection move). Starts with every
 * block changed. Costs a few set insertions per keystroke.
 */
function registerChangedBlocks(
  editor: LexicalEditor,
  changed: ChangedBlocks,
  onChange?: () => void,
): () => void {
  changed.all = true;
  changed.keys.clear();
  changed.seen = editor.getEditorState();
  return editor.registerUpdateListener(
    ({ editorState, prevEditorState, dirtyElements, dirtyLeaves, tags }) => {
      const continuous = prevEditorState === changed.seen;
      changed.seen = editorState;
      if (continuous && dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      // setEditorState marks only the root, whatever the new state holds. (An edit of the root's own
      // properties looks the same; counting every block changed then costs time, never correctness.)
      const wholeState =
        !continuous ||
        tags.has(HISTORIC_TAG) ||
        (dirtyLeaves.size === 0 && dirtyElements.size === 1 && dirtyElements.has('root'));
      if (wholeState) {
        changed.all = true;
        changed.keys.clear();
      } else if (!changed.all) {
        for (const key of dirtyElements.keys()) changed.keys.add(key);
        for (const key of dirtyLeaves) changed.keys.add(key);
      }
      onChange?.();
    },
  );
}

/** A fresh record for registerChangedBlocks. */
function createChangedBlocks(editor: LexicalEditor): ChangedBlocks {
  return { all: true, keys: new Set(), seen: editor.getEditorState() };
}

export interface BlockResults<T> {
  /**
   * Inside `state.read()`, `state` being the editor's current state: each
   * top-level block's result in order, computed again only for blocks
   * changed since the last call (every block after undo, redo, a whole state
   * set, or an update this tracker did not see).
   */
  $collect(state: EditorState): T[];
  dispose(): void;
}

/**
 * One result per top-level block, kept by node key (the word count's per-block
 * counts, the serializer's per-block JSON). `onChange` runs after each update
 * that changed the body's content.
 */
export function createBlockResults<T>(
  editor: LexicalEditor,
  $compute: (block: LexicalNode) => T,
  onChange?: () => void,
): BlockResults<T> {
  const changed = createChangedBlocks(editor);
  const unregister = registerChangedBlocks(editor, changed, onChange);
  let kept = new Map<NodeKey, T>();
  return {
    $collect(state) {
      if (state !== changed.seen) changed.all = true;
      const next = new Map<NodeKey, T>();
      const results: T[] = [];
      for (const block of $getRoot().getChildren()) {
        const key = block.getKey();
        const result =
          !isBlockChanged(changed, key) && kept.has(key) ? (kept.get(key) as T) : $compute(block);
        next.set(key, result);
        results.push(result);
      }
      kept = next;
      resetChangedBlocks(changed, state);
      return results;
    },
    dispose() {
      unregister();
      kept.clear();
    },
  };
}
