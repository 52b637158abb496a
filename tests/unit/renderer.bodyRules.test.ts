import { describe, expect, it } from 'vitest';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { $createLinkNode } from '@lexical/link';
import { $createHeadingNode } from '@lexical/rich-text';
import { ARTICLE_NODES, unknownNodeTypes } from '../../src-renderer/editor/nodes';
import { registerBodyRules } from '../../src-renderer/editor/bodyRules';
import { $createPullQuoteNode, PullQuoteNode } from '../../src-renderer/editor/nodes/PullQuoteNode';
import { bodyPlainText, parseBody, wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';

function headlessEditor(): { editor: LexicalEditor; refused: string[] } {
  const editor = createEditor({
    namespace: 'test',
    nodes: [...ARTICLE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const refused: string[] = [];
  registerBodyRules(editor, (url) => refused.push(url));
  return { editor, refused };
}

function serialize(editor: LexicalEditor): { root: SerializedNodeLike } {
  return editor.getEditorState().toJSON() as unknown as { root: SerializedNodeLike };
}

function linkParagraph(url: string, text: string): void {
  const paragraph = $createParagraphNode();
  paragraph.append($createTextNode('See '), $createLinkNode(url).append($createTextNode(text)));
  $getRoot().clear().append(paragraph);
}

describe('body rules', () => {
  it('drops a javascript: link but keeps its text', () => {
    const { editor, refused } = headlessEditor();
    editor.update(() => linkParagraph('javascript:alert(1)', 'this'), { discrete: true });
    const json = JSON.stringify(serialize(editor));
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('"type":"link"');
    expect(bodyPlainText(serialize(editor).root)).toBe('See this');
    expect(refused).toEqual(['javascript:alert(1)']);
  });

  it.each(['data:text/html,<b>x</b>', 'file:///etc/passwd', 'vbscript:msgbox', '/relative/path'])(
    'refuses a %s link',
    (url) => {
      const { editor } = headlessEditor();
      editor.update(() => linkParagraph(url, 'x'), { discrete: true });
      expect(JSON.stringify(serialize(editor))).not.toContain('"type":"link"');
    },
  );

  it.each(['https://example.com/a', 'http://example.org', 'mailto:desk@example.com'])(
    'keeps a %s link',
    (url) => {
      const { editor } = headlessEditor();
      editor.update(() => linkParagraph(url, 'x'), { discrete: true });
      const json = JSON.stringify(serialize(editor));
      expect(json).toContain('"type":"link"');
      expect(json).toContain(JSON.stringify(url));
    },
  );

  it('turns an H1 into an H2 and an H5 into an H3', () => {
    const { editor } = headlessEditor();
    editor.update(
      () => {
        $getRoot()
          .clear()
          .append(
            $createHeadingNode('h1').append($createTextNode('Top')),
            $createHeadingNode('h5').append($createTextNode('Low')),
          );
      },
      { discrete: true },
    );
    const tags = (serialize(editor).root.children ?? []).map((child) => child['tag']);
    expect(tags).toEqual(['h2', 'h3']);
  });
});

describe('PullQuoteNode', () => {
  it('round-trips through the stored body envelope', () => {
    const { editor } = headlessEditor();
    editor.update(
      () => {
        $getRoot()
          .clear()
          .append($createPullQuoteNode().append($createTextNode('They will hold.')));
      },
      { discrete: true },
    );
    const stored = JSON.stringify(wrapEditorState(serialize(editor)));
    const reopened = headlessEditor().editor;
    reopened.setEditorState(reopened.parseEditorState(JSON.stringify(parseBody(stored).editorState)));
    const first = serialize(reopened).root.children?.[0];
    expect(first?.type).toBe(PullQuoteNode.getType());
    expect(bodyPlainText(serialize(reopened).root)).toBe('They will hold.');
  });
});

describe('unknownNodeTypes', () => {
  it('names node types this build cannot open, and none for a body it can', () => {
    const root: SerializedNodeLike = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: 'a' }] },
        { type: 'imagefigure' },
        { type: 'pullquote', children: [] },
      ],
    };
    expect(unknownNodeTypes(root)).toEqual(['imagefigure']);
    expect(
      unknownNodeTypes({ type: 'root', children: [{ type: 'horizontalrule' }, { type: 'list' }] }),
    ).toEqual([]);
  });
});
