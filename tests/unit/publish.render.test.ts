// What leaves for WordPress is rendered by the one shared renderer with
// shortcodes neutralised (issue 7, item 13). The real-WordPress proof is in
// wordpress.test.ts; this one runs everywhere.
import { describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import {
  escapeText,
  renderArticleHtml,
  renderBodyHtml,
  renderBylineHtml,
} from '../../src-shared/render/renderArticle';
import { mediaCaptionHtml } from '../../src-main/services/publish/wordpress/wordpressAdapter';
import { testImage } from '../support/publishHarness';

const root = {
  type: 'root',
  version: 1,
  children: [
    {
      type: 'paragraph',
      version: 1,
      children: [{ type: 'text', version: 1, text: 'See [gallery ids="1"] <b>now</b>', format: 0 }],
    },
  ],
};

describe('rendering for WordPress', () => {
  it('escapes text and writes "[" as &#91; when shortcodes are neutralised; the preview keeps "["', () => {
    const options = { creditFormat: 'Photo: {credit}', imageSrc: () => 'x.jpg' };
    expect(renderBodyHtml(root, { ...options, shortcodes: 'neutralise' })).toBe(
      '<p>See &#91;gallery ids=&quot;1&quot;] &lt;b&gt;now&lt;/b&gt;</p>',
    );
    expect(renderBodyHtml(root, options)).toBe(
      '<p>See [gallery ids=&quot;1&quot;] &lt;b&gt;now&lt;/b&gt;</p>',
    );
    expect(escapeText('Vote <img src=x onerror=alert(1)> [embed]', { shortcodes: 'neutralise' })).toBe(
      'Vote &lt;img src=x onerror=alert(1)&gt; &#91;embed]',
    );
  });

  it('uses the same byline and caption markup as the article page', () => {
    const meta = { ...emptyMeta(), headline: 'H', byline: 'Ada [author]', bylineRole: 'Desk' };
    const page = renderArticleHtml(
      { meta, body: root },
      { creditFormat: 'Photo: {credit}', imageSrc: () => '' },
    );
    expect(page).toContain(renderBylineHtml(meta));
    expect(renderBylineHtml(meta, { shortcodes: 'neutralise' })).toBe(
      '<p class="byline"><span class="byline-name">Ada &#91;author]</span>, <span class="byline-role">Desk</span></p>',
    );
    const image = testImage(3, { caption: 'Crowd [caption]', credit: 'Agency <b>' }).ref;
    expect(mediaCaptionHtml(image, 'Photo: {credit}')).toBe(
      'Crowd &#91;caption] <span class="credit">Photo: Agency &lt;b&gt;</span>',
    );
  });
});
