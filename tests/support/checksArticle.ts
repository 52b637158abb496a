// Builders for articles the checks and export tests use: Lexical JSON written
// by hand, the same shapes the editor saves.
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';

export const text = (value: string, format = 0): SerializedNodeLike => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
});
const block = (type: string, children: SerializedNodeLike[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children,
  ...extra,
});
export const paragraph = (...children: SerializedNodeLike[]): SerializedNodeLike =>
  block('paragraph', children, { textFormat: 0, textStyle: '' });
export const p = (value: string): SerializedNodeLike => paragraph(text(value));
export const heading = (tag: 'h2' | 'h3', value: string): SerializedNodeLike =>
  block('heading', [text(value)], { tag });
export const quote = (value: string): SerializedNodeLike => block('quote', [text(value)]);
export const link = (url: string, label: string): SerializedNodeLike =>
  block('link', [text(label)], { url, rel: null, target: null, title: null });
export const list = (type: 'bullet' | 'number', ...items: string[]): SerializedNodeLike =>
  block(
    'list',
    items.map((item, i) => block('listitem', [text(item)], { value: i + 1 })),
    { listType: type, start: 1, tag: type === 'number' ? 'ol' : 'ul' },
  );
export const figure = (ref: ImageRef): SerializedNodeLike => ({ type: 'image-figure', version: 1, ...ref });
export const root = (...children: SerializedNodeLike[]): SerializedNodeLike => ({
  type: 'root',
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children,
});
export const envelope = (...children: SerializedNodeLike[]): string =>
  JSON.stringify(wrapEditorState({ root: root(...children) }));

export function image(hash: string, overrides: Partial<ImageRef> = {}): ImageRef {
  return {
    hash,
    mime: 'image/png',
    width: 4,
    height: 3,
    caption: 'Lanterns along the river at dusk',
    credit: 'Mira Okafor/Harbour Agency',
    alt: 'Paper lanterns floating on dark water',
    copyright: '',
    fromFile: { caption: false, credit: false, copyright: false },
    ...overrides,
  };
}

export function meta(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    ...emptyMeta(),
    kicker: 'River town',
    headline: 'Lantern festival returns to the river',
    standfirst: 'After three quiet years the festival fills the riverbanks again.',
    byline: 'Tomas Reyes',
    bylineRole: 'Culture reporter',
    ...overrides,
  };
}
