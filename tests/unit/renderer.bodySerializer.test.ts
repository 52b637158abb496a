// The autosave's body serializer keeps each block's JSON and redoes only the
// blocks an update changed. Whatever the edit — typing, new and removed
// blocks, formatting, lists, figures, undo, redo, a whole new state — what it
// returns must be exactly what serializing the whole state returns.
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
  type LexicalNode,
} from 'lexical';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { ARTICLE_NODES } from '../../src-renderer/editor/nodes';
import { registerBodyRules } from '../../src-renderer/editor/bodyRules';
import { $createImageFigureNode, $isImageFigureNode } from '../../src-renderer/images/ImageFigureNode';
import { createBodySerializer, serializeBodyFully } from '../../src-renderer/editor/bodySerializer';
import {
  applyBodyPatch,
  diffBodyParts,
  hashText,
  joinBodyParts,
  type HashedBodyParts,
} from '../../src-shared/bodyPatch';
import { parseBody } from '../../src-shared/body';
import { image } from '../support/checksArticle';
import { seededRandom } from '../support/seededRandom';

function articleEditor(): LexicalEditor {
  const editor = createEditor({
    namespace: 'test',
    nodes: [...ARTICLE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  registerBodyRules(editor);
  // No merging: every update is its own undo step.
  registerHistory(editor, createEmptyHistoryState(), 0);
  return editor;
}

function $paragraph(text: string): LexicalNode {
  return $createParagraphNode().append($createTextNode(text));
}

function $build(blocks: number): void {
  const root = $getRoot().clear();
  for (let i = 0; i < blocks; i += 1) {
    if (i % 17 === 5) root.append($createHeadingNode('h2').append($createTextNode(`Heading ${i}`)));
    else if (i % 23 === 7)
      root.append(
        $createListNode('bullet').append(
          $createListItemNode().append($createTextNode(`item ${i}a`)),
          $createListItemNode().append($createTextNode(`item ${i}b`)),
        ),
      );
    else if (i % 29 === 11) root.append($createImageFigureNode(image(i.toString(16).padStart(64, '0'))));
    else if (i % 31 === 13) root.append($createQuoteNode().append($createTextNode(`Quoted ${i}`)));
    else
      root.append(
        $createParagraphNode().append(
          $createTextNode(`Paragraph ${i} says something `),
          $createLinkNode('https://example.com/').append($createTextNode('linked')),
          $createTextNode(' and ends.'),
        ),
      );
  }
}

/** Every text node in the body, in order. */
function $texts(): LexicalNode[] {
  const out: LexicalNode[] = [];
  const walk = (node: LexicalNode): void => {
    if ($isTextNode(node)) out.push(node);
    if ($isElementNode(node)) node.getChildren().forEach(walk);
  };
  walk($getRoot());
  return out;
}

describe('incremental body serializer', () => {
  it('returns exactly the full serialization after every kind of edit, undo and redo', () => {
    const editor = articleEditor();
    editor.update(() => $build(120), { discrete: true });
    const serializer = createBodySerializer(editor);
    expect(serializer.serialize()).toBe(serializeBodyFully(editor));

    const random = seededRandom(7);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const edits: Array<[string, () => void]> = [
      [
        'type',
        () =>
          editor.update(
            () => {
              const node = pick($texts());
              if ($isTextNode(node)) node.setTextContent(`${node.getTextContent()}x`);
            },
            { discrete: true },
          ),
      ],
      [
        'bold',
        () =>
          editor.update(
            () => {
              const node = pick($texts());
              if ($isTextNode(node)) node.toggleFormat('bold');
            },
            { discrete: true },
          ),
      ],
      [
        'new paragraph',
        () =>
          editor.update(
            () => {
              pick($getRoot().getChildren()).insertAfter($paragraph(`new ${random()}`));
            },
            { discrete: true },
          ),
      ],
      [
        'remove block',
        () =>
          editor.update(
            () => {
              const children = $getRoot().getChildren();
              if (children.length > 5) pick(children).remove();
            },
            { discrete: true },
          ),
      ],
      [
        'list item',
        () =>
          editor.update(
            () => {
              const list = $getRoot()
                .getChildren()
                .find((n) => n.getType() === 'list');
              if ($isElementNode(list)) list.append($createListItemNode().append($createTextNode('more')));
            },
            { discrete: true },
          ),
      ],
      [
        'figure caption',
        () =>
          editor.update(
            () => {
              const figure = $getRoot().getChildren().find($isImageFigureNode);
              if (figure) figure.setImage({ ...figure.getImage(), caption: `Caption ${random()}` });
            },
            { discrete: true },
          ),
      ],
      [
        'heading to paragraph',
        () =>
          editor.update(
            () => {
              const heading = $getRoot()
                .getChildren()
                .find((n) => n.getType() === 'heading');
              if ($isElementNode(heading)) {
                const paragraph = $createParagraphNode();
                heading.getChildren().forEach((child) => paragraph.append(child));
                heading.replace(paragraph);
              }
            },
            { discrete: true },
          ),
      ],
      ['undo', () => editor.dispatchCommand(UNDO_COMMAND, undefined)],
      ['redo', () => editor.dispatchCommand(REDO_COMMAND, undefined)],
      [
        'older state',
        () => {
          // A whole state set from outside (as loading a body does), with different text in some blocks.
          const inner = JSON.stringify(parseBody(serializeBodyFully(editor)).editorState).replace(
            /Paragraph 3/g,
            'Paragraph three',
          );
          editor.setEditorState(editor.parseEditorState(inner));
        },
      ],
    ];
    // An earlier state object, with the same node keys as now (as undo's are), set without a tag.
    let snapshot = editor.getEditorState();
    edits.push([
      'earlier state',
      () => {
        const earlier = snapshot;
        snapshot = editor.getEditorState();
        editor.setEditorState(earlier);
      },
    ]);

    let sent: HashedBodyParts | null = null;
    for (let step = 0; step < 400; step += 1) {
      const [name, edit] = pick(edits);
      edit();
      // Sometimes several edits pile up between saves, as typing does between autosaves.
      if (random() < 0.3) {
        expect(serializer.serialize(), `after step ${step} (${name})`).toBe(serializeBodyFully(editor));
      } else if (random() < 0.6) {
        // As the autosave sends it: the parts, each block's hash, and the patch on the last parts sent.
        const parts = serializer.parts();
        expect(parts).not.toBeNull();
        if (parts === null) return;
        expect(joinBodyParts(parts), `after step ${step} (${name})`).toBe(serializeBodyFully(editor));
        expect(parts.hashes).toEqual(parts.blocks.map(hashText));
        if (sent !== null) {
          const patched = applyBodyPatch(sent, diffBodyParts(sent, parts));
          expect(patched && joinBodyParts(patched), `patch after step ${step} (${name})`).toBe(
            joinBodyParts(parts),
          );
        }
        sent = parts;
      }
    }
    expect(serializer.serialize()).toBe(serializeBodyFully(editor));
    serializer.dispose();
  });

  it('redoes only the blocks an edit changed', () => {
    const editor = articleEditor();
    editor.update(() => $build(200), { discrete: true });
    const serializer = createBodySerializer(editor);
    serializer.serialize();
    // Count paragraph exports: the serializer must export only the paragraph typed in.
    let exported = 0;
    const paragraphs = editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .filter((n) => n.getType() === 'paragraph'),
    );
    const original = Object.getPrototypeOf(paragraphs[0]!).exportJSON as (this: LexicalNode) => unknown;
    Object.getPrototypeOf(paragraphs[0]!).exportJSON = function (this: LexicalNode) {
      exported += 1;
      return original.call(this);
    };
    try {
      editor.update(
        () => {
          const paragraph = $getRoot()
            .getChildren()
            .filter((n) => n.getType() === 'paragraph')[40];
          const text = $isElementNode(paragraph) ? paragraph.getFirstChild() : null;
          if ($isTextNode(text)) text.setTextContent(`${text.getTextContent()} more`);
        },
        { discrete: true },
      );
      expect(serializer.serialize()).toBe(serializeBodyFully(editor));
      // serializeBodyFully exported every paragraph once; the serializer only the one typed in.
      expect(exported).toBe(paragraphs.length + 1);
    } finally {
      Object.getPrototypeOf(paragraphs[0]!).exportJSON = original;
    }
  });
});
