// The body's word count, kept per top-level block: a count after typing in a
// 100k-word body recounts the one block typed in (changedBlocks.ts says
// which) and adds up the others' kept counts. Undo, redo and a newly loaded
// body recount every block.
import type { LexicalEditor } from 'lexical';
import { countWords } from '../../src-shared/body';
import { createBlockResults } from './changedBlocks';

export interface WordCounter {
  /** Words in the body now. */
  count(): number;
  dispose(): void;
}

/** `onChange` runs after each update that changed the body's content (cheap: schedule the count there). */
export function createWordCounter(editor: LexicalEditor, onChange?: () => void): WordCounter {
  const blocks = createBlockResults(editor, (block) => countWords(block.getTextContent()), onChange);
  return {
    count() {
      const state = editor.getEditorState();
      return state.read(() => blocks.$collect(state).reduce((sum, words) => sum + words, 0));
    },
    dispose: blocks.dispose,
  };
}
