// The peer for the body editor: Lexical 0.52 with rich text and history and
// nothing else (no React, no plugins, no autosave).
import { createEditor } from 'lexical';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

const editor = createEditor({
  namespace: 'bench-peer',
  nodes: [HeadingNode, QuoteNode],
  onError(error) {
    throw error;
  },
});
editor.setRootElement(document.querySelector('.editor'));
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);

window.benchPeer = {
  /** Replaces the document with a serialized editor state; resolves after Lexical reconciled it. */
  load(serialized) {
    return new Promise((resolve) => {
      const state = editor.parseEditorState(serialized);
      editor.setEditorState(state);
      editor.update(() => {}, { onUpdate: resolve });
    });
  },
  editor,
};
document.body.dataset.ready = 'true';
