// The Preview dialog shows the published page in a srcdoc frame, and a srcdoc
// document inherits the app's Content-Security-Policy. The app allows no
// inline styles except the publish renderer's own stylesheet, by its hash:
// this test fails (and prints the new hash) when that stylesheet changes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { emptyBodyJson } from '../../src-shared/body';
import { renderArticlePage } from '../../src-shared/render/renderArticle';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shells/appAssets';

function pageStyleHash(): string {
  const page = renderArticlePage(
    { meta: emptyMeta(), body: emptyBodyJson() },
    { creditFormat: 'Photo: {credit}', imageSrc: () => '' },
  );
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  expect(styles).toHaveLength(1);
  return `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
}

describe('preview stylesheet in the app CSP', () => {
  it('allows exactly the publish renderer stylesheet in the shells header and in index.html, and no unsafe-inline', () => {
    const hash = pageStyleHash();
    const indexHtml = readFileSync(
      fileURLToPath(new URL('../../src-renderer/index.html', import.meta.url)),
      'utf8',
    );
    const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1] ?? '';
    for (const policy of [CONTENT_SECURITY_POLICY, metaPolicy]) {
      const styleSrc = /style-src ([^;]+)/.exec(policy)?.[1] ?? '';
      expect(styleSrc, `style-src should list ${hash}`).toContain(hash);
      expect(styleSrc).not.toContain('unsafe-inline');
      expect(policy).toMatch(/script-src 'self'(;|$)/);
    }
  });
});
