// What History compares: an article as named fields of plain text (every
// meta field, the lead image's and each figure's caption, credit and alt
// text, and the body's paragraphs), and a word-level diff of each field that
// changed (jsdiff). Pure: no DOM, so it is tested in Node.
import { diffWordsWithSpace, type ChangeObject } from 'diff';
import { ARTICLE_TYPE_LABELS, type ArticleMeta } from '../../src-shared/article';
import { parseBody, type SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';
import { IMAGE_FIGURE_TYPE } from '../../src-shared/render/renderArticle';

export interface ArticleField {
  /** Stable across versions: "headline", "figure-2-caption". */
  key: string;
  /** What a person reads: "Headline", "Caption (figure 2)". */
  label: string;
  text: string;
}

export interface FieldChange {
  key: string;
  label: string;
  parts: Array<{ text: string; kind: 'same' | 'inserted' | 'deleted' }>;
}

const IMAGE_PARTS = [
  ['caption', 'Caption'],
  ['credit', 'Credit'],
  ['alt', 'Alt text'],
] as const;

function imageFields(image: ImageRef | null, key: string, where: string): ArticleField[] {
  if (image === null) return [];
  return IMAGE_PARTS.map(([part, label]) => ({
    key: `${key}-${part}`,
    label: `${label} (${where})`,
    text: image[part],
  }));
}

function isFigure(node: SerializedNodeLike): node is SerializedNodeLike & ImageRef {
  return node.type === IMAGE_FIGURE_TYPE && typeof node.hash === 'string';
}

/** The body's text blocks (one per paragraph, heading, list item or quote) and its figures, in order. */
function readBody(bodyJson: string): { text: string; figures: ImageRef[] } {
  let root: SerializedNodeLike;
  try {
    root = parseBody(bodyJson).editorState.root;
  } catch {
    return { text: '(this version’s body could not be read)', figures: [] };
  }
  const blocks: string[] = [];
  const figures: ImageRef[] = [];
  const inline = (node: SerializedNodeLike): string => {
    if (typeof node.text === 'string') return node.text;
    if (node.type === 'linebreak') return '\n';
    return (node.children ?? []).map(inline).join('');
  };
  const walk = (node: SerializedNodeLike): void => {
    if (isFigure(node)) {
      figures.push(node);
      return;
    }
    const children = node.children ?? [];
    const nested = children.some(
      (child) =>
        isFigure(child) || (Array.isArray(child.children) && !['link', 'autolink'].includes(child.type)),
    );
    if (node.type === 'root' || node.type === 'list' || (nested && node.type !== 'paragraph')) {
      children.forEach(walk);
      return;
    }
    const text = inline(node);
    if (text.trim() !== '') blocks.push(text);
  };
  walk(root);
  return { text: blocks.join('\n\n'), figures };
}

export function articleFields(meta: ArticleMeta, bodyJson: string): ArticleField[] {
  const body = readBody(bodyJson);
  return [
    { key: 'kicker', label: 'Kicker', text: meta.kicker },
    { key: 'headline', label: 'Headline', text: meta.headline },
    ...imageFields(meta.leadImage, 'lead', 'lead image'),
    { key: 'standfirst', label: 'Standfirst', text: meta.standfirst },
    { key: 'byline', label: 'Byline', text: meta.byline },
    { key: 'byline-role', label: 'Byline role', text: meta.bylineRole },
    { key: 'article-type', label: 'Article type', text: ARTICLE_TYPE_LABELS[meta.articleType] },
    { key: 'tags', label: 'Tags', text: meta.tags.join(', ') },
    { key: 'slug', label: 'Slug', text: meta.slug },
    { key: 'body', label: 'Body', text: body.text },
    ...body.figures.flatMap((figure, index) =>
      imageFields(figure, `figure-${index + 1}`, `figure ${index + 1}`),
    ),
  ];
}

/**
 * The fields that differ between an older version and the current article,
 * in article order. "deleted" text is in the older version only, "inserted"
 * text in the current article only.
 */
export function diffArticles(
  older: { meta: ArticleMeta; body: string },
  current: { meta: ArticleMeta; body: string },
): FieldChange[] {
  return diffFields(articleFields(older.meta, older.body), articleFields(current.meta, current.body));
}

/** The fields that differ between two lists of named fields, in the order of `after`. */
export function diffFields(before: ArticleField[], after: ArticleField[]): FieldChange[] {
  const beforeByKey = new Map(before.map((field) => [field.key, field]));
  const afterKeys = new Set(after.map((field) => field.key));
  // Current order first; fields only the older version had (a removed figure) follow.
  const ordered = [...after, ...before.filter((field) => !afterKeys.has(field.key))];
  const changes: FieldChange[] = [];
  for (const field of ordered) {
    const oldText = beforeByKey.get(field.key)?.text ?? '';
    const newText = afterKeys.has(field.key) ? field.text : '';
    if (oldText === newText) continue;
    changes.push({
      key: field.key,
      label: field.label,
      parts: diffWordsWithSpace(oldText, newText).map(toPart),
    });
  }
  return changes;
}

function toPart(change: ChangeObject<string>): FieldChange['parts'][number] {
  return { text: change.value, kind: change.added ? 'inserted' : change.removed ? 'deleted' : 'same' };
}
