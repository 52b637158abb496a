// The "Formatting" toolbar: one tab stop, arrow keys move between buttons
// (WAI-ARIA toolbar pattern). Buttons never take focus from the body on
// mouse down, so the selection they act on stays where it was.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { $isLinkNode } from '@lexical/link';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import { $currentBlockType, toggleBlockType, type BlockType } from './blockFormat';
import { OPEN_LINK_EDITOR_COMMAND } from './commands';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';
const ALT = isMac ? '⌥' : 'Alt';

const LINK_ICON = (
  <svg
    width="16"
    height="16"
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    aria-hidden="true"
  >
    <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L7.6 4.2" strokeLinecap="round" />
    <path d="M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8a3 3 0 0 0 4.2 4.2l1.2-1.2" strokeLinecap="round" />
  </svg>
);

interface ToolbarState {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  link: boolean;
  block: BlockType;
}

const EMPTY_STATE: ToolbarState = {
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  link: false,
  block: 'paragraph',
};

function sameState(a: ToolbarState, b: ToolbarState): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strikethrough === b.strikethrough &&
    a.link === b.link &&
    a.block === b.block
  );
}

function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return EMPTY_STATE;
  const node = selection.anchor.getNode();
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    link: $isLinkNode(node) || $findMatchingParent(node, $isLinkNode) !== null,
    block: $currentBlockType(),
  };
}

interface ButtonSpec {
  label: string;
  shortcut?: string;
  pressed?: (state: ToolbarState) => boolean;
  disabled?: (history: { canUndo: boolean; canRedo: boolean }) => boolean;
  run: () => void;
  icon: React.ReactNode;
  group: number;
}

export function Toolbar(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_STATE);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonsRef = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readToolbarState);
          setState((previous) => (sameState(previous, next) ? previous : next));
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (canUndo) => {
            setHistory((h) => (h.canUndo === canUndo ? h : { ...h, canUndo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (canRedo) => {
            setHistory((h) => (h.canRedo === canRedo ? h : { ...h, canRedo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  const format = useCallback(
    (kind: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, kind),
    [editor],
  );

  const buttons: ButtonSpec[] = [
    {
      label: 'Bold',
      icon: 'B',
      shortcut: `${MOD}+B`,
      pressed: (s) => s.bold,
      run: () => format('bold'),
      group: 0,
    },
    {
      label: 'Italic',
      icon: 'I',
      shortcut: `${MOD}+I`,
      pressed: (s) => s.italic,
      run: () => format('italic'),
      group: 0,
    },
    {
      label: 'Underline',
      icon: 'U',
      shortcut: `${MOD}+U`,
      pressed: (s) => s.underline,
      run: () => format('underline'),
      group: 0,
    },
    {
      label: 'Strikethrough',
      icon: 'S',
      shortcut: `${MOD}+Shift+X`,
      pressed: (s) => s.strikethrough,
      run: () => format('strikethrough'),
      group: 0,
    },
    {
      label: 'Heading 2',
      icon: 'H2',
      shortcut: `${MOD}+${ALT}+2`,
      pressed: (s) => s.block === 'h2',
      run: () => toggleBlockType(editor, 'h2'),
      group: 1,
    },
    {
      label: 'Heading 3',
      icon: 'H3',
      shortcut: `${MOD}+${ALT}+3`,
      pressed: (s) => s.block === 'h3',
      run: () => toggleBlockType(editor, 'h3'),
      group: 1,
    },
    {
      label: 'Bulleted list',
      icon: '•',
      shortcut: `${MOD}+Shift+8`,
      pressed: (s) => s.block === 'bullet',
      run: () => toggleBlockType(editor, 'bullet'),
      group: 1,
    },
    {
      label: 'Numbered list',
      icon: '1.',
      shortcut: `${MOD}+Shift+7`,
      pressed: (s) => s.block === 'number',
      run: () => toggleBlockType(editor, 'number'),
      group: 1,
    },
    {
      label: 'Quote',
      icon: '“',
      shortcut: `${MOD}+Shift+9`,
      pressed: (s) => s.block === 'quote',
      run: () => toggleBlockType(editor, 'quote'),
      group: 1,
    },
    {
      label: 'Pull quote',
      icon: '❝',
      shortcut: `${MOD}+Shift+P`,
      pressed: (s) => s.block === 'pullquote',
      run: () => toggleBlockType(editor, 'pullquote'),
      group: 1,
    },
    {
      label: 'Horizontal rule',
      icon: '—',
      run: () => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined),
      group: 2,
    },
    {
      label: 'Link',
      icon: LINK_ICON,
      shortcut: `${MOD}+K`,
      pressed: (s) => s.link,
      run: () => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined),
      group: 2,
    },
    {
      label: 'Undo',
      icon: '↶',
      shortcut: `${MOD}+Z`,
      disabled: (h) => !h.canUndo,
      run: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
      group: 3,
    },
    {
      label: 'Redo',
      icon: '↷',
      shortcut: isMac ? '⌘+Shift+Z' : 'Ctrl+Y',
      disabled: (h) => !h.canRedo,
      run: () => editor.dispatchCommand(REDO_COMMAND, undefined),
      group: 3,
    },
  ];

  const moveFocus = (index: number): void => {
    const count = buttons.length;
    const next = (index + count) % count;
    setFocusIndex(next);
    buttonsRef.current[next]?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveFocus(focusIndex + 1),
      ArrowLeft: () => moveFocus(focusIndex - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(buttons.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label="Formatting"
      aria-controls="article-body"
      onKeyDown={onKeyDown}
    >
      {buttons.map((button, index) => {
        const pressed = button.pressed?.(state);
        const disabled = button.disabled?.(history) ?? false;
        const previous = buttons[index - 1];
        return (
          <button
            key={button.label}
            ref={(element) => {
              buttonsRef.current[index] = element;
            }}
            type="button"
            className={`toolbar-button${previous && previous.group !== button.group ? ' toolbar-group-start' : ''}`}
            aria-label={button.label}
            aria-pressed={pressed}
            aria-disabled={disabled || undefined}
            title={button.shortcut ? `${button.label} (${button.shortcut})` : button.label}
            tabIndex={index === focusIndex ? 0 : -1}
            onFocus={() => setFocusIndex(index)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!disabled) button.run();
            }}
          >
            {/* Text glyphs are drawn by CSS (data-glyph) so the button's only text is its
                accessible name: screen readers and voice control both hear "Heading 2", not "H2". */}
            <span
              aria-hidden="true"
              className={`toolbar-icon toolbar-icon-${button.label.toLowerCase().replace(/\s+/g, '-')}`}
              data-glyph={typeof button.icon === 'string' ? button.icon : undefined}
            >
              {typeof button.icon === 'string' ? null : button.icon}
            </span>
          </button>
        );
      })}
    </div>
  );
}
