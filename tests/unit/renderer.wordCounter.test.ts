// The live word count recounts only the blocks an update changed; after any
// edit — typing, new and removed blocks, undo, redo, a whole new state — it
// must equal a count of the whole body.
import { describe, expect, it } from 'vitest';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isTextNode,
  createEditor,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { ARTICLE_NODES } from '../../src-renderer/editor/nodes';
import { createWordCounter } from '../../src-renderer/editor/wordCounter';
import { countWords } from '../../src-shared/body';

function editorWithParagraphs(count: number): LexicalEditor {
  const editor = createEditor({
    namespace: 'test',
    nodes: [...ARTICLE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  registerHistory(editor, createEmptyHistoryState(), 0);
  editor.update(
    () => {
      const root = $getRoot().clear();
      for (let i = 0; i < count; i += 1) {
        root.append($createParagraphNode().append($createTextNode(`one two three ${i}`)));
      }
    },
    { discrete: true },
  );
  return editor;
}

/** The whole body counted block by block from scratch. */
function fullCount(editor: LexicalEditor): number {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .reduce((sum, block) => sum + countWords(block.getTextContent()), 0),
  );
}

function typeInParagraph(editor: LexicalEditor, index: number, text: string): void {
  editor.update(
    () => {
      const paragraph = $getRoot().getChildren()[index];
      const node = $isElementNode(paragraph) ? paragraph.getFirstChild() : null;
      if ($isTextNode(node)) node.setTextContent(`${node.getTextContent()}${text}`);
    },
    { discrete: true },
  );
}

describe('incremental word count', () => {
  it('counts typing, new blocks, deletions, undo and redo', () => {
    const editor = editorWithParagraphs(50);
    const counter = createWordCounter(editor);
    expect(counter.count()).toBe(200);

    typeInParagraph(editor, 10, ' four five');
    expect(counter.count()).toBe(202);

    editor.update(() => $getRoot().getChildren()[3]?.remove(), { discrete: true });
    expect(counter.count()).toBe(198);

    editor.update(
      () => {
        $getRoot().append($createParagraphNode().append($createTextNode('a new closing paragraph')));
      },
      { discrete: true },
    );
    expect(counter.count()).toBe(202);

    // Undo and redo restore a whole older state in one go: every block they changed must be counted again.
    const seen = new Set<number>();
    for (const command of [UNDO_COMMAND, UNDO_COMMAND, UNDO_COMMAND, REDO_COMMAND, REDO_COMMAND]) {
      editor.dispatchCommand(command, undefined);
      expect(counter.count()).toBe(fullCount(editor));
      seen.add(fullCount(editor));
    }
    // The steps did change the count (typed words came and went), so the check above had something to catch.
    expect(seen.size).toBeGreaterThan(1);
    counter.dispose();
  });

  it('counts a whole new state set from outside', () => {
    const editor = editorWithParagraphs(20);
    const counter = createWordCounter(editor);
    expect(counter.count()).toBe(80);
    // An earlier state object, with the same node keys as now (as undo's are), set without a tag.
    const earlier = editor.getEditorState();
    typeInParagraph(editor, 0, ' extra words here');
    expect(counter.count()).toBe(83);
    editor.setEditorState(earlier);
    expect(counter.count()).toBe(80);
    counter.dispose();
  });
});
