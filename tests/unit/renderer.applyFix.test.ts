// The Checks panel's fixes in the body: a finding's offsets come from the
// serialized body (src-shared/checks/textBlocks.ts) and are applied to the
// live Lexical nodes (src-renderer/checks/applyFix.ts). They must agree for
// links, list items, line breaks and formatting.
import { describe, expect, it } from 'vitest';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  createEditor,
  type LexicalEditor,
} from 'lexical';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { ARTICLE_NODES } from '../../src-renderer/editor/nodes';
import { $createImageFigureNode } from '../../src-renderer/images/ImageFigureNode';
import { applyBodyFix, fixedFieldValue } from '../../src-renderer/checks/applyFix';
import type { SerializedNodeLike } from '../../src-shared/body';
import { runCopyChecks } from '../../src-shared/checks/copyChecks';
import { DEFAULT_HOUSE_STYLE } from '../../src-shared/checks/houseStyle';
import { blockText } from '../../src-shared/checks/textBlocks';
import { image, meta } from '../support/checksArticle';

function editorWith(build: () => void): LexicalEditor {
  const editor = createEditor({
    namespace: 'test',
    nodes: [...ARTICLE_NODES],
    onError: (e) => {
      throw e;
    },
  });
  editor.update(build, { discrete: true });
  return editor;
}

const rootOf = (editor: LexicalEditor) =>
  (editor.getEditorState().toJSON() as unknown as { root: SerializedNodeLike }).root;
const speller = { correct: (word: string) => !['lanturn', 'wikc'].includes(word.toLowerCase()) };

function fixAll(editor: LexicalEditor, id: string): string[] {
  const findings = runCopyChecks(
    { meta: meta(), body: rootOf(editor) },
    { style: DEFAULT_HOUSE_STYLE, speller },
  ).filter((f) => f.id === id);
  return findings.map((f) => applyBodyFix(editor, f.location, f.fix?.replacement ?? 'lantern'));
}

describe('applying a fix in the body', () => {
  it('finds the flagged text after a link, in the second list item and after a line break', () => {
    const editor = editorWith(() => {
      const paragraph = $createParagraphNode().append(
        $createTextNode('Read '),
        $createLinkNode('https://example.org').append($createTextNode('the guide')),
        $createTextNode(' before the lanturn festival.'),
      );
      const list = $createListNode('bullet').append(
        $createListItemNode().append($createTextNode('Light the lanturn')),
        $createListItemNode().append($createTextNode('Let the lanturn go')),
      );
      const broken = $createParagraphNode().append(
        $createTextNode('First line'),
        $createLineBreakNode(),
        $createTextNode('Second lanturn'),
      );
      $getRoot().clear().append(paragraph, list, broken);
    });
    expect(fixAll(editor, 'spelling')).toEqual(['applied', 'applied', 'applied', 'applied']);
    const blocks = (rootOf(editor).children ?? []).map(blockText);
    expect(blocks).toEqual([
      'Read the guide before the lantern festival.',
      'Light the lantern\nLet the lantern go',
      'First line\nSecond lantern',
    ]);
  });

  it('applies a repeated-word fix and refuses text that changed since the check', () => {
    const editor = editorWith(() => {
      $getRoot()
        .clear()
        .append($createParagraphNode().append($createTextNode('It was the the night.')));
    });
    const [finding] = runCopyChecks(
      { meta: meta(), body: rootOf(editor) },
      { style: DEFAULT_HOUSE_STYLE },
    ).filter((f) => f.id === 'repeated-word');
    expect(applyBodyFix(editor, finding!.location, finding!.fix!.replacement)).toBe('applied');
    expect(blockText(rootOf(editor).children![0]!)).toBe('It was the night.');
    expect(applyBodyFix(editor, finding!.location, finding!.fix!.replacement)).toBe('stale');
    expect(blockText(rootOf(editor).children![0]!)).toBe('It was the night.');
  });

  it('does not guess across formatting: a flagged range over two text nodes is left for the editor', () => {
    const editor = editorWith(() => {
      const bold = $createTextNode('the').toggleFormat('bold');
      $getRoot()
        .clear()
        .append(
          $createParagraphNode().append($createTextNode('It was the '), bold, $createTextNode(' night.')),
        );
    });
    expect(fixAll(editor, 'repeated-word')).toEqual(['spans-formatting']);
  });

  it('fixes a field only while the flagged text is still there', () => {
    const m = meta({ headline: 'Send an e-mail today' });
    const location = { field: 'headline' as const, start: 8, end: 14, text: 'e-mail' };
    expect(fixedFieldValue(m, location, 'email')).toEqual({ headline: 'Send an email today' });
    expect(fixedFieldValue({ ...m, headline: 'Send a letter' }, location, 'email')).toBeNull();
  });

  it('checks figure and lead image captions, names the place, and fixes the caption itself', () => {
    const hash = 'd'.repeat(64);
    const editor = editorWith(() => {
      $getRoot()
        .clear()
        .append(
          $createParagraphNode().append($createTextNode('Before the picture.')),
          $createImageFigureNode(image(hash, { caption: 'A lanturn on the water' })),
        );
    });
    const lead = image('e'.repeat(64), { caption: 'The wikc is lit' });
    const findings = runCopyChecks(
      { meta: meta({ leadImage: lead }), body: rootOf(editor) },
      { style: DEFAULT_HOUSE_STYLE, speller },
    ).filter((f) => f.id === 'spelling');
    expect(findings.map((f) => [f.place, f.location.text])).toEqual([
      ['Lead image caption', 'wikc'],
      ['Body, caption of the image in paragraph 2', 'lanturn'],
    ]);
    const [leadFinding, figureFinding] = findings;
    expect(fixedFieldValue(meta({ leadImage: lead }), leadFinding!.location, 'wick')).toEqual({
      leadImage: { ...lead, caption: 'The wick is lit' },
    });
    expect(applyBodyFix(editor, figureFinding!.location, 'lantern')).toBe('applied');
    expect((rootOf(editor).children![1] as { caption?: string }).caption).toBe('A lantern on the water');
    expect(applyBodyFix(editor, figureFinding!.location, 'lantern')).toBe('stale');
  });
});
