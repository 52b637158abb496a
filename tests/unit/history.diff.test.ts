import { describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { diffArticles } from '../../src-renderer/history/articleDiff';
import { articleBody, testImage } from '../support/publishHarness';

const figure = testImage(3, { caption: 'Ferry at dawn', credit: 'Ana Lee/Agency', alt: 'A ferry' }).ref;
const lead = testImage(4, { caption: 'Harbour', credit: 'Desk', alt: 'Harbour view' }).ref;

function version(meta: Partial<ArticleMeta>, paragraphs: string[], figures = [figure]) {
  return {
    meta: { ...emptyMeta(), headline: 'Ferry returns', leadImage: lead, ...meta },
    body: articleBody(paragraphs, figures),
  };
}

describe('field diff', () => {
  it('names each changed field, captions and credits included, and diffs by word', () => {
    const older = version({}, ['The ferry returned on Monday.']);
    const current = version(
      { headline: 'Ferry returns at last' },
      ['The old ferry returned on Tuesday.'],
      [{ ...figure, caption: 'Ferry at dusk' }],
    );
    current.meta.leadImage = { ...lead, credit: 'Photo desk' };
    const changes = diffArticles(older, current);
    expect(changes.map((c) => c.label)).toEqual([
      'Headline',
      'Credit (lead image)',
      'Body',
      'Caption (figure 1)',
    ]);
    const headline = changes[0]!;
    expect(headline.parts.filter((p) => p.kind === 'inserted').map((p) => p.text.trim())).toEqual([
      'at last',
    ]);
    expect(headline.parts.some((p) => p.kind === 'deleted')).toBe(false);
    const body = changes.find((c) => c.key === 'body')!;
    expect(body.parts.filter((p) => p.kind === 'deleted').map((p) => p.text)).toEqual(['Monday']);
    expect(body.parts.filter((p) => p.kind === 'inserted').map((p) => p.text.trim())).toEqual([
      'old',
      'Tuesday',
    ]);
    const caption = changes.find((c) => c.key === 'figure-1-caption')!;
    expect(caption.parts).toEqual([
      { text: 'Ferry at ', kind: 'same' },
      { text: 'dawn', kind: 'deleted' },
      { text: 'dusk', kind: 'inserted' },
    ]);
  });

  it('reports a removed figure as deleted text and no changes for equal versions', () => {
    const older = version({}, ['Same words.']);
    expect(diffArticles(older, version({}, ['Same words.']))).toEqual([]);
    const changes = diffArticles(older, version({}, ['Same words.'], []));
    expect(changes.map((c) => c.label)).toEqual([
      'Caption (figure 1)',
      'Credit (figure 1)',
      'Alt text (figure 1)',
    ]);
    expect(changes[0]!.parts).toEqual([{ text: 'Ferry at dawn', kind: 'deleted' }]);
  });
});
