// The body's stored form: a versioned envelope around Lexical's serialized
// editor state. Lexical's own JSON changes between minor releases, so what we
// store says which format it is and which version wrote it; a newer envelope
// than this code knows is refused rather than guessed at.

export const BODY_FORMAT = 'copydesk.body';
export const BODY_FORMAT_VERSION = 1;
/** The Lexical release that wrote the editor state (pinned in package.json). */
export const LEXICAL_VERSION = '0.52.0';

/** The minimal shape of a serialized Lexical node that this module reads. */
export interface SerializedNodeLike {
  type: string;
  version?: number;
  text?: string;
  children?: SerializedNodeLike[];
  [key: string]: unknown;
}

export interface BodyEnvelope {
  format: typeof BODY_FORMAT;
  version: number;
  lexical: string;
  editorState: { root: SerializedNodeLike };
}

export class BodyFormatError extends Error {
  override name = 'BodyFormatError';
}

export function emptyEditorState(): { root: SerializedNodeLike } {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        {
          type: 'paragraph',
          version: 1,
          direction: null,
          format: '',
          indent: 0,
          textFormat: 0,
          textStyle: '',
          children: [],
        },
      ],
    },
  };
}

export function wrapEditorState(editorState: { root: SerializedNodeLike }): BodyEnvelope {
  return {
    format: BODY_FORMAT,
    version: BODY_FORMAT_VERSION,
    lexical: LEXICAL_VERSION,
    editorState,
  };
}

export function emptyBodyJson(): string {
  return JSON.stringify(wrapEditorState(emptyEditorState()));
}

/** Parses a stored body. Throws BodyFormatError with a readable message when it cannot. */
export function parseBody(json: string): BodyEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new BodyFormatError('The article body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null) {
    throw new BodyFormatError('The article body is not an object.');
  }
  const envelope = value as Partial<BodyEnvelope>;
  if (envelope.format !== BODY_FORMAT) {
    throw new BodyFormatError('The article body is not in the Copydesk body format.');
  }
  if (typeof envelope.version !== 'number' || envelope.version > BODY_FORMAT_VERSION) {
    throw new BodyFormatError(
      `The article body was written by a newer Copydesk (body format ${String(envelope.version)}). Update Copydesk to open it.`,
    );
  }
  const root = envelope.editorState?.root;
  if (typeof root !== 'object' || root === null || root.type !== 'root') {
    throw new BodyFormatError('The article body has no root node.');
  }
  return envelope as BodyEnvelope;
}

const BLOCK_SEPARATOR = '\n\n';

/** Plain text of a body (for search, word count, checks). Blocks are separated by a blank line. */
export function bodyPlainText(root: SerializedNodeLike): string {
  const blocks: string[] = [];
  const inline = (node: SerializedNodeLike): string => {
    if (typeof node.text === 'string') return node.text;
    if (node.type === 'linebreak') return '\n';
    if (node.type === 'tab') return '\t';
    return (node.children ?? []).map(inline).join('');
  };
  const walk = (node: SerializedNodeLike): void => {
    const children = node.children ?? [];
    const hasBlockChildren = children.some(
      (c) => Array.isArray(c.children) && c.type !== 'link' && c.type !== 'autolink',
    );
    if (node.type === 'root' || node.type === 'list' || (hasBlockChildren && node.type !== 'paragraph')) {
      children.forEach(walk);
      return;
    }
    const text = inline(node);
    if (text.trim() !== '') blocks.push(text);
    else if (typeof node.caption === 'string' && node.caption.trim() !== '') blocks.push(node.caption);
  };
  walk(root);
  return blocks.join(BLOCK_SEPARATOR);
}

export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}

/** Reading time at 230 words a minute, at least one minute for any text. */
export function readingTimeMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / 230));
}
