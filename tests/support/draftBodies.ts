// Draft content for tests that write through the repository: a body of plain
// paragraphs in the stored envelope, and meta with a few fields set.
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';

export function paragraph(text: string): SerializedNodeLike {
  return {
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

/** A stored body (envelope JSON) of one paragraph per text. */
export function bodyOf(...paragraphs: string[]): string {
  return JSON.stringify(
    wrapEditorState({ root: { type: 'root', version: 1, children: paragraphs.map(paragraph) } }),
  );
}

export function metaWith(changes: Partial<ArticleMeta>): ArticleMeta {
  return { ...emptyMeta(), ...changes };
}
