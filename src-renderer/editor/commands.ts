import { createCommand, type LexicalCommand } from 'lexical';

/** Opens the link field for the current selection (toolbar "Link", Ctrl/Cmd+K). */
export const OPEN_LINK_EDITOR_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_EDITOR_COMMAND');
