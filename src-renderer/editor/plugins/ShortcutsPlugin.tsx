// Keyboard shortcuts beyond Lexical's own (bold, italic, underline, undo, redo).
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, FORMAT_TEXT_COMMAND, KEY_DOWN_COMMAND } from 'lexical';
import { toggleBlockType } from '../blockFormat';
import { OPEN_LINK_EDITOR_COMMAND } from '../commands';

export function ShortcutsPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const mod = event.ctrlKey || event.metaKey;
          if (!mod) return false;
          const run = (action: () => void): boolean => {
            event.preventDefault();
            action();
            return true;
          };
          // event.code: Alt/Shift change event.key ("@", "£", "*") on many layouts.
          if (event.altKey && !event.shiftKey) {
            if (event.code === 'Digit2') return run(() => toggleBlockType(editor, 'h2'));
            if (event.code === 'Digit3') return run(() => toggleBlockType(editor, 'h3'));
            return false;
          }
          if (event.shiftKey && !event.altKey) {
            if (event.code === 'KeyX')
              return run(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough'));
            if (event.code === 'Digit8') return run(() => toggleBlockType(editor, 'bullet'));
            if (event.code === 'Digit7') return run(() => toggleBlockType(editor, 'number'));
            if (event.code === 'Digit9') return run(() => toggleBlockType(editor, 'quote'));
            if (event.code === 'KeyP') return run(() => toggleBlockType(editor, 'pullquote'));
            return false;
          }
          if (!event.shiftKey && !event.altKey && event.code === 'KeyK') {
            return run(() => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined));
          }
          return false;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );
  return null;
}
