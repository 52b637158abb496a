import { describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import type { SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';
import {
  hasBlockingFindings,
  normaliseDomains,
  runChecks,
  type Finding,
} from '../../src-shared/checks/prePublishChecks';

function image(overrides: Partial<ImageRef> = {}): ImageRef {
  return {
    hash: 'a'.repeat(64),
    mime: 'image/jpeg',
    width: 800,
    height: 600,
    caption: 'Mourners lay flowers',
    credit: 'Jane Doe/Agency',
    alt: 'People laying flowers at a memorial',
    copyright: '',
    fromFile: { caption: false, credit: false, copyright: false },
    ...overrides,
  };
}

const text = (value: string): SerializedNodeLike => ({ type: 'text', text: value, format: 0, version: 1 });
const paragraph = (...children: SerializedNodeLike[]): SerializedNodeLike => ({
  type: 'paragraph',
  version: 1,
  children,
});
const link = (url: string, label = 'a link'): SerializedNodeLike => ({
  type: 'link',
  url,
  version: 1,
  children: [text(label)],
});
const figure = (ref: ImageRef): SerializedNodeLike => ({ type: 'image-figure', version: 1, ...ref });
const root = (...children: SerializedNodeLike[]): SerializedNodeLike => ({
  type: 'root',
  version: 1,
  children,
});

function goodMeta(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    ...emptyMeta(),
    headline: 'Council approves the new bridge',
    standfirst: 'The vote ends a decade of argument.',
    byline: 'Sam Reporter',
    leadImage: image({ hash: 'b'.repeat(64) }),
    ...overrides,
  };
}

const goodBody = root(paragraph(text('The council voted 7 to 2 on Tuesday.')));
const noSpam = { spamDomains: [] };
const ids = (findings: Finding[]): string[] => findings.map((f) => f.id).sort();

describe('runChecks', () => {
  it('finds nothing in a complete article', () => {
    expect(runChecks({ meta: goodMeta(), body: goodBody }, noSpam)).toEqual([]);
  });

  it('blocks an article without a headline and points at the headline', () => {
    const findings = runChecks({ meta: goodMeta({ headline: '   ' }), body: goodBody }, noSpam);
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'headline-missing',
        severity: 'blocking',
        location: { field: 'headline' },
      }),
    );
    expect(hasBlockingFindings(findings)).toBe(true);
  });

  it('blocks an empty body, but not a body that holds only a figure', () => {
    expect(ids(runChecks({ meta: goodMeta(), body: root(paragraph()) }, noSpam))).toEqual(['body-empty']);
    expect(ids(runChecks({ meta: goodMeta(), body: root(figure(image())) }, noSpam))).toEqual([]);
  });

  it('blocks a lead image without alt text or credit', () => {
    const meta = goodMeta({ leadImage: image({ hash: 'c'.repeat(64), alt: '', credit: ' ' }) });
    const findings = runChecks({ meta, body: goodBody }, noSpam);
    expect(ids(findings)).toEqual(['image-alt-missing', 'image-credit-missing']);
    expect(findings[0]?.location).toEqual({ field: 'leadImage', imageHash: 'c'.repeat(64) });
  });

  it('blocks a body image without alt text and says which block holds it', () => {
    const body = root(paragraph(text('Intro.')), figure(image({ hash: 'd'.repeat(64), alt: '' })));
    const findings = runChecks({ meta: goodMeta(), body }, noSpam);
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'image-alt-missing',
        severity: 'blocking',
        location: { field: 'body', nodeIndex: 1, imageHash: 'd'.repeat(64) },
      }),
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'vbscript:x',
    '/relative/path',
    'not a url',
  ])('blocks a link to %s', (url) => {
    const body = root(paragraph(text('Read ')), paragraph(text('more '), link(url)));
    const findings = runChecks({ meta: goodMeta(), body }, noSpam);
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'link-unsafe',
        severity: 'blocking',
        location: { field: 'body', nodeIndex: 1 },
      }),
    ]);
  });

  it('accepts http, https and mailto links', () => {
    const body = root(
      paragraph(link('https://example.org/a'), link('http://example.org'), link('mailto:desk@example.org')),
    );
    expect(runChecks({ meta: goodMeta(), body }, noSpam)).toEqual([]);
  });

  it('blocks links to spam domains and their subdomains, not look-alike domains', () => {
    const options = { spamDomains: ['Spam-Casino.example', 'https://porn.example/'] };
    const check = (url: string): string[] =>
      ids(runChecks({ meta: goodMeta(), body: root(paragraph(link(url))) }, options));
    expect(check('https://spam-casino.example/win')).toEqual(['link-spam']);
    expect(check('https://www.spam-casino.example')).toEqual(['link-spam']);
    expect(check('http://m.porn.example/x')).toEqual(['link-spam']);
    expect(check('https://notspam-casino.example')).toEqual([]);
    expect(check('https://spam-casino.example.org')).toEqual([]);
  });

  it('blocks TK markers as whole upper-case words only', () => {
    const check = (value: string): string[] =>
      ids(runChecks({ meta: goodMeta(), body: root(paragraph(text(value))) }, noSpam));
    expect(check('The mayor said TK about it.')).toEqual(['tk-marker']);
    expect(check('Figures: TKTK.')).toEqual(['tk-marker']);
    expect(check('(TK)')).toEqual(['tk-marker']);
    expect(check('A TKO in round three.')).toEqual([]);
    expect(check('The tk team and Atkins.')).toEqual([]);
    expect(check('UTK won.')).toEqual([]);
  });

  it('finds TK markers in the headline and in image captions', () => {
    const meta = goodMeta({ headline: 'Bridge vote TK', leadImage: image({ caption: 'Caption TK' }) });
    const findings = runChecks({ meta, body: goodBody }, noSpam);
    expect(findings.filter((f) => f.id === 'tk-marker').map((f) => f.location.field)).toEqual([
      'headline',
      'leadImage',
    ]);
  });

  it('warns, without blocking, about a missing standfirst, a long headline and no lead image', () => {
    const meta = goodMeta({ standfirst: '', headline: 'x'.repeat(111), leadImage: null });
    const findings = runChecks({ meta, body: goodBody }, noSpam);
    expect(ids(findings)).toEqual(['headline-long', 'lead-image-missing', 'standfirst-missing']);
    expect(hasBlockingFindings(findings)).toBe(false);
    expect(ids(runChecks({ meta: goodMeta({ headline: 'x'.repeat(110) }), body: goodBody }, noSpam))).toEqual(
      [],
    );
  });

  it('finds links nested in lists and quotes', () => {
    const body = root(paragraph(text('Intro')), {
      type: 'list',
      listType: 'bullet',
      version: 1,
      children: [{ type: 'listitem', version: 1, children: [link('javascript:void(0)')] }],
    });
    expect(runChecks({ meta: goodMeta(), body }, noSpam)).toEqual([
      expect.objectContaining({ id: 'link-unsafe', location: { field: 'body', nodeIndex: 1 } }),
    ]);
  });
});

describe('normaliseDomains', () => {
  it('strips schemes, paths, wildcards and comments', () => {
    expect(
      normaliseDomains(['https://Bad.example/path', '*.worse.example', '# comment', '', 'ok.example.']),
    ).toEqual(['bad.example', 'worse.example', 'ok.example']);
  });
});
