import { describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { emptyBodyJson, wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import { mediaUrl, type ImageRef } from '../../src-shared/image';
import {
  escapeHtml,
  formatCredit,
  renderArticleHtml,
  renderArticlePage,
  renderBodyHtml,
  renderFigureHtml,
  safeUrl,
  type RenderOptions,
} from '../../src-shared/render/renderArticle';

const HASH = 'a'.repeat(64);
const options: RenderOptions = { creditFormat: 'Photo: {credit}', imageSrc: (image) => mediaUrl(image.hash) };

function image(overrides: Partial<ImageRef> = {}): ImageRef {
  return {
    hash: HASH,
    mime: 'image/jpeg',
    width: 1200,
    height: 800,
    caption: 'Lanterns float over the harbour at dusk',
    credit: 'Mara Quill/Harbour Desk',
    alt: 'Paper lanterns drifting above dark water',
    copyright: '',
    fromFile: { caption: false, credit: false, copyright: false },
    ...overrides,
  };
}

const text = (value: string, format = 0): SerializedNodeLike => ({
  type: 'text',
  text: value,
  format,
  version: 1,
});
const paragraph = (...children: SerializedNodeLike[]): SerializedNodeLike => ({
  type: 'paragraph',
  version: 1,
  children,
});
const root = (...children: SerializedNodeLike[]): SerializedNodeLike => ({
  type: 'root',
  version: 1,
  children,
});
const figureNode = (ref: ImageRef): SerializedNodeLike => ({ type: 'image-figure', version: 1, ...ref });

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });
});

describe('safeUrl', () => {
  it('accepts http, https and mailto URLs', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeUrl('http://example.org')).toBe('http://example.org/');
    expect(safeUrl(' mailto:desk@example.org ')).toBe('mailto:desk@example.org');
  });
  it('refuses script, data, file and relative URLs', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>1</script>')).toBeNull();
    expect(safeUrl('file:///etc/passwd')).toBeNull();
    expect(safeUrl('/relative/path')).toBeNull();
    expect(safeUrl('')).toBeNull();
  });
});

describe('renderBodyHtml', () => {
  it('renders paragraphs and headings, turning an h1 into h2', () => {
    const html = renderBodyHtml(
      root(
        paragraph(text('First line.')),
        { type: 'heading', tag: 'h1', children: [text('Top')] },
        { type: 'heading', tag: 'h3', children: [text('Sub')] },
      ),
      options,
    );
    expect(html).toBe('<p>First line.</p>\n<h2>Top</h2>\n<h3>Sub</h3>');
  });

  it('maps the text format bitmask to strong, em, s, u, code, sub and sup', () => {
    const html = renderBodyHtml(
      root(
        paragraph(
          text('b', 1),
          text('i', 2),
          text('s', 4),
          text('u', 8),
          text('c', 16),
          text('lo', 32),
          text('hi', 64),
          text('bi', 3),
        ),
      ),
      options,
    );
    expect(html).toBe(
      '<p><strong>b</strong><em>i</em><s>s</s><u>u</u><code>c</code><sub>lo</sub><sup>hi</sup><em><strong>bi</strong></em></p>',
    );
  });

  it('escapes text so markup in the document stays text', () => {
    const html = renderBodyHtml(root(paragraph(text('<img src=x onerror=alert(1)> & "q"'))), options);
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</p>');
    expect(html).not.toContain('<img');
  });

  it('renders line breaks and drops empty paragraphs', () => {
    const html = renderBodyHtml(
      root(paragraph(), paragraph(text('one'), { type: 'linebreak' }, text('two'))),
      options,
    );
    expect(html).toBe('<p>one<br>two</p>');
  });

  it('keeps safe links and renders unsafe links as their text only', () => {
    const html = renderBodyHtml(
      root(
        paragraph(
          { type: 'link', url: 'https://example.org/x?a=1&b=2', children: [text('safe')] },
          text(' '),
          { type: 'link', url: 'javascript:alert(1)', children: [text('unsafe')] },
          text(' '),
          { type: 'autolink', url: 'mailto:desk@example.org', children: [text('mail')] },
        ),
      ),
      options,
    );
    expect(html).toBe(
      '<p><a href="https://example.org/x?a=1&amp;b=2">safe</a> unsafe <a href="mailto:desk@example.org">mail</a></p>',
    );
  });

  it('renders bullet and numbered lists, nesting a sub-list into the previous item', () => {
    const html = renderBodyHtml(
      root({
        type: 'list',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [text('apples')] },
          {
            type: 'listitem',
            children: [
              {
                type: 'list',
                listType: 'number',
                start: 3,
                children: [{ type: 'listitem', children: [text('green')] }],
              },
            ],
          },
          { type: 'listitem', children: [text('pears')] },
        ],
      }),
      options,
    );
    expect(html).toBe('<ul><li>apples<ol start="3"><li>green</li></ol></li><li>pears</li></ul>');
  });

  it('renders quotes, pull quotes and horizontal rules', () => {
    const html = renderBodyHtml(
      root(
        { type: 'quote', children: [text('Said once.')] },
        { type: 'pullquote', children: [text('Said twice.')] },
        { type: 'horizontalrule', version: 1 },
        { type: 'pull-quote', children: [text('Said thrice.')] },
      ),
      options,
    );
    expect(html).toBe(
      '<blockquote><p>Said once.</p></blockquote>\n<aside class="pull-quote"><p>Said twice.</p></aside>\n<hr>\n' +
        '<aside class="pull-quote"><p>Said thrice.</p></aside>',
    );
  });

  it('renders an image-figure node as a figure', () => {
    const html = renderBodyHtml(root(figureNode(image())), options);
    expect(html).toBe(renderFigureHtml(image(), options));
    expect(html).toContain(`src="/media/${HASH}"`);
  });

  it('leaves out a figure whose image reference is broken', () => {
    const html = renderBodyHtml(
      root(figureNode({ ...image(), hash: '../../etc/passwd' }), paragraph(text('after'))),
      options,
    );
    expect(html).toBe('<p>after</p>');
  });

  it('renders unknown nodes as their escaped text', () => {
    const html = renderBodyHtml(
      root(
        { type: 'mystery-widget', children: [text('<b>kept</b>')], html: '<script>alert(1)</script>' },
        paragraph(text('a '), { type: 'emoji-thing', children: [text('x<y')] }),
      ),
      options,
    );
    expect(html).toBe('<p>&lt;b&gt;kept&lt;/b&gt;</p>\n<p>a x&lt;y</p>');
    expect(html).not.toContain('script');
  });

  it('never puts a figure inside a paragraph', () => {
    const html = renderBodyHtml(root(paragraph(text('before'), figureNode(image()), text('after'))), options);
    expect(html).toMatch(/^<p>before<\/p><figure>.*<\/figure><p>after<\/p>$/);
  });
});

describe('renderFigureHtml', () => {
  it('renders image, caption and credit in its own element with the configured format', () => {
    expect(renderFigureHtml(image(), options)).toBe(
      `<figure><img src="/media/${HASH}" alt="Paper lanterns drifting above dark water" width="1200" height="800" loading="lazy" decoding="async">` +
        '<figcaption>Lanterns float over the harbour at dusk <span class="credit">Photo: Mara Quill/Harbour Desk</span></figcaption></figure>',
    );
    const parenthesised = renderFigureHtml(image(), { ...options, creditFormat: '(Credit: {credit})' });
    expect(parenthesised).toContain('<span class="credit">(Credit: Mara Quill/Harbour Desk)</span>');
  });

  it('escapes caption, credit and alt text', () => {
    const html = renderFigureHtml(
      image({ caption: '<script>x</script>', credit: 'A & B', alt: '"quoted" <alt>' }),
      options,
    );
    expect(html).toContain('alt="&quot;quoted&quot; &lt;alt&gt;"');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('Photo: A &amp; B');
    expect(html).not.toContain('<script>');
  });

  it('omits the figcaption when caption and credit are empty, but always writes alt', () => {
    const html = renderFigureHtml(image({ caption: '', credit: '', alt: '' }), options);
    expect(html).not.toContain('figcaption');
    expect(html).toContain('alt=""');
  });

  it('refuses an image source with a script scheme', () => {
    expect(renderFigureHtml(image(), { ...options, imageSrc: () => 'javascript:alert(1)' })).toBe('');
    expect(renderFigureHtml(image(), { ...options, imageSrc: () => 'images/a.jpg' })).toContain(
      'src="images/a.jpg"',
    );
  });

  it('falls back to the default credit format when the format has no {credit} slot', () => {
    expect(formatCredit('AP', 'Credit')).toBe('Photo: AP');
    expect(formatCredit('AP', '© {credit}')).toBe('© AP');
  });
});

function meta(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    ...emptyMeta(),
    kicker: 'Harbour life',
    headline: 'Lantern night returns to the old port',
    standfirst: 'After four quiet years the festival is back, and the fishermen are glad.',
    byline: 'Ada Marlow',
    bylineRole: 'Harbour correspondent',
    articleType: 'opinion',
    ...overrides,
  };
}

describe('renderArticleHtml', () => {
  it('puts the type label, kicker, headline, lead figure, standfirst, byline and body in order', () => {
    const body = JSON.stringify(wrapEditorState({ root: root(paragraph(text('Body text.'))) }));
    const html = renderArticleHtml({ meta: meta({ leadImage: image() }), body }, options);
    const order = [
      '<p class="article-type">Opinion</p>',
      '<p class="kicker">Harbour life</p>',
      '<h1>Lantern night returns to the old port</h1>',
      '<figure class="lead-image">',
      '<p class="standfirst">',
      '<span class="byline-name">Ada Marlow</span>, <span class="byline-role">Harbour correspondent</span>',
      '<p>Body text.</p>',
    ].map((part) => html.indexOf(part));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html.startsWith('<article class="article article-opinion">')).toBe(true);
  });

  it('accepts the body as a root node and names an untitled article', () => {
    const html = renderArticleHtml({ meta: meta({ headline: '  ', kicker: '' }), body: root() }, options);
    expect(html).toContain('<h1>Untitled</h1>');
    expect(html).not.toContain('kicker');
  });

  it('escapes every metadata field', () => {
    const html = renderArticleHtml(
      { meta: meta({ headline: '<b>bold</b>', kicker: 'a&b', byline: '"x"' }), body: emptyBodyJson() },
      options,
    );
    expect(html).toContain('<h1>&lt;b&gt;bold&lt;/b&gt;</h1>');
    expect(html).toContain('a&amp;b');
    expect(html).toContain('&quot;x&quot;');
  });
});

describe('renderArticlePage', () => {
  it('is a complete document with inline styles, a title and no scripts', () => {
    const page = renderArticlePage({ meta: meta(), body: emptyBodyJson() }, options);
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<title>Lantern night returns to the old port</title>');
    expect(page).toContain('<style>');
    expect(page).toContain('font: 1.1875rem/1.6 Georgia');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|<link /);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('uses a valid language tag and ignores a malformed one', () => {
    expect(renderArticlePage({ meta: meta(), body: root() }, { ...options, lang: 'az' })).toContain(
      '<html lang="az">',
    );
    expect(renderArticlePage({ meta: meta(), body: root() }, { ...options, lang: '"><x' })).toContain(
      '<html lang="en">',
    );
  });
});
