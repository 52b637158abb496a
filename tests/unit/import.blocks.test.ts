// The block model's converter writes exactly what the editor's registered
// nodes read and write: each body is loaded into a real headless Lexical
// editor with the app's nodes and exported again, and must come back equal.
import { describe, expect, it } from 'vitest';
import { createEditor, type LexicalEditor } from 'lexical';
import { ARTICLE_NODES } from '../../src-renderer/editor/nodes';
import { $isImageFigureNode } from '../../src-renderer/images/ImageFigureNode';
import { registerBodyRules } from '../../src-renderer/editor/bodyRules';
import { $getRoot } from 'lexical';
import { bodyPlainText, parseBody, type SerializedNodeLike } from '../../src-shared/body';
import { blocksToBodyJson, blocksToEditorState, type Block } from '../../src-shared/import/blocks';
import type { ImageRef } from '../../src-shared/image';

const IMAGE: ImageRef = {
  hash: 'a'.repeat(64),
  mime: 'image/jpeg',
  width: 800,
  height: 600,
  caption: 'A ferry at dawn',
  credit: 'Ivo Marsh/Reuters',
  alt: 'A blue ferry',
  copyright: '',
  fromFile: { caption: false, credit: false, copyright: false },
};

function editor(): LexicalEditor {
  const instance = createEditor({
    namespace: 'import-test',
    nodes: [...ARTICLE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  registerBodyRules(instance, () => undefined);
  return instance;
}

function roundTrip(state: { root: SerializedNodeLike }): { root: SerializedNodeLike } {
  const instance = editor();
  instance.setEditorState(instance.parseEditorState(JSON.stringify(state)));
  // A discrete update runs the editor's transforms and normalisation, as typing would.
  instance.update(() => undefined, { discrete: true });
  // Through JSON text, as the store keeps it (drops the fields Lexical leaves undefined).
  return JSON.parse(JSON.stringify(instance.getEditorState().toJSON())) as { root: SerializedNodeLike };
}

const EVERYTHING: Block[] = [
  { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: 'A subhead' }] },
  {
    kind: 'paragraph',
    inlines: [
      { kind: 'text', text: 'Plain, ' },
      { kind: 'text', text: 'bold', bold: true },
      { kind: 'text', text: ' and ' },
      { kind: 'text', text: 'both', bold: true, italic: true },
      { kind: 'break' },
      { kind: 'text', text: 'after a break, ', underline: true },
      { kind: 'text', text: 'struck', strikethrough: true },
      { kind: 'text', text: ' ' },
      { kind: 'link', url: 'https://example.org/a', children: [{ kind: 'text', text: 'a link' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'text', text: 'code', code: true },
    ],
  },
  { kind: 'heading', level: 3, inlines: [{ kind: 'text', text: 'Smaller' }] },
  { kind: 'quote', inlines: [{ kind: 'text', text: '“Quoted,” she said.' }] },
  {
    kind: 'list',
    ordered: false,
    items: [
      { inlines: [{ kind: 'text', text: 'one' }] },
      {
        inlines: [{ kind: 'text', text: 'two' }],
        sublist: { kind: 'list', ordered: true, items: [{ inlines: [{ kind: 'text', text: 'two a' }] }] },
      },
      { inlines: [{ kind: 'text', text: 'three' }] },
    ],
  },
  { kind: 'rule' },
  { kind: 'figure', image: IMAGE },
  { kind: 'paragraph', inlines: [{ kind: 'text', text: 'The end.' }] },
];

describe('blocksToEditorState', () => {
  it('writes every block kind exactly as the editor serializes it (load and export give the same JSON)', () => {
    const state = blocksToEditorState(EVERYTHING);
    expect(roundTrip(state)).toEqual(state);
  });

  it('writes a figure with the same fields as ImageFigureNode.exportJSON', () => {
    const instance = editor();
    instance.setEditorState(
      instance.parseEditorState(JSON.stringify(blocksToEditorState([{ kind: 'figure', image: IMAGE }]))),
    );
    const exported = instance.getEditorState().read(() => {
      const node = $getRoot().getFirstChild();
      if (!$isImageFigureNode(node)) throw new Error('not a figure');
      return node.exportJSON();
    });
    expect(blocksToEditorState([{ kind: 'figure', image: IMAGE }]).root.children?.[0]).toEqual(exported);
  });

  it('gives an empty import one empty paragraph, as a new draft has', () => {
    const state = blocksToEditorState([{ kind: 'paragraph', inlines: [{ kind: 'text', text: '   ' }] }]);
    expect(state.root.children).toHaveLength(1);
    expect(roundTrip(state)).toEqual(state);
  });

  it('keeps the words of a link with an unsafe scheme but not the link', () => {
    const state = blocksToEditorState([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: 'Click ' },
          { kind: 'link', url: 'javascript:alert(1)', children: [{ kind: 'text', text: 'here' }] },
        ],
      },
    ]);
    const json = JSON.stringify(state);
    expect(json).not.toContain('javascript');
    expect(bodyPlainText(state.root)).toBe('Click here');
    expect(roundTrip(state)).toEqual(state);
  });

  it('wraps the state in the body envelope the store accepts', () => {
    const envelope = parseBody(blocksToBodyJson(EVERYTHING));
    expect(bodyPlainText(envelope.editorState.root)).toContain('after a break');
  });
});
