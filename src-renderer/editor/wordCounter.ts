// The body's word count, kept per top-level block: a count after typing in a
// 100k-word body recounts the one block typed in (changedBlocks.ts says
// which) and adds up the others' kept counts. Undo, redo and a newly loaded
// body recount every block.
import { $getRoot, type LexicalEditor, type NodeKey } from 'lexical';
import { countWords } from '../../src-shared/body';
import {
  createChangedBlocks,
  isBlockChanged,
  registerChangedBlocks,
  resetChangedBlocks,
} from './changedBlocks';

export interface WordCounter {
  /** Words in the body now. */
  count(): number;
  dispose(): void;
}

/** `onChange` runs after each update that changed the body's content (cheap: schedule the count there). */
export function createWordCounter(editor: LexicalEditor, onChange?: () => void): WordCounter {
  const changed = createChangedBlocks(editor);
  const unregister = registerChangedBlocks(editor, changed, onChange);
  let counts = new Map<NodeKey, number>();
  return {
    count() {
      const state = editor.getEditorState();
      if (state !== changed.seen) changed.all = true;
      return state.read(() => {
        let sum = 0;
        const next = new Map<NodeKey, number>();
        for (const block of $getRoot().getChildren()) {
          const key = block.getKey();
          let words = isBlockChanged(changed, key) ? undefined : counts.get(key);
          if (words === undefined) words = countWords(block.getTextContent());
          next.set(key, words);
          sum += words;
        }
        counts = next;
        resetChangedBlocks(changed, state);
        return sum;
      });
    },
    dispose() {
      unregister();
      counts.clear();
    },
  };
}
