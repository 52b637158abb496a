// The XSS corpus through every import path and the published output of the
// imported article (renderArticle): nothing executable survives anywhere.
// Paste cleanup is checked here with jsdom and end to end in Chromium.
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { parseBody } from '../../src-shared/body';
import { DEFAULT_CREDIT_FORMAT, renderArticlePage } from '../../src-shared/render/renderArticle';
import type { Draft } from '../../src-shared/article';
import { isAllowedLinkUrl } from '../../src-shared/links';
import { type PasteWindow, cleanPastedHtml } from '../../src-renderer/editor/sanitizePastedHtml';
import { createImportHarness, nodes, type ImportHarness } from '../fixtures/importHarness';
import {
  corpusAsArticleHtml,
  findExecutable,
  MARKDOWN_XSS_CORPUS,
  XSS_CORPUS,
  XSS_URLS,
} from '../fixtures/xss-corpus';

let harness: ImportHarness;
beforeAll(() => {
  harness = createImportHarness();
});
afterAll(() => harness.close());

const KNOWN_TYPES = new Set([
  'root',
  'paragraph',
  'text',
  'linebreak',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'horizontalrule',
  'image-figure',
]);

/** The stored draft holds only known nodes and safe links; its published page holds nothing executable. */
function expectHarmless(draft: Draft, label: string): void {
  const all = nodes(parseBody(draft.body).editorState.root);
  for (const node of all) {
    expect(KNOWN_TYPES.has(node.type), `${label}: node type ${node.type}`).toBe(true);
    if (node.type === 'link')
      expect(isAllowedLinkUrl(String(node.url)), `${label}: link ${String(node.url)}`).toBe(true);
  }
  const page = renderArticlePage(
    { meta: draft.meta, body: draft.body },
    { creditFormat: DEFAULT_CREDIT_FORMAT, imageSrc: (image) => `images/${image.hash}.jpg` },
  );
  const { document } = new JSDOM(page).window;
  expect(findExecutable(document.body), `${label}: published page`).toEqual([]);
  expect(
    findExecutable(document.head).filter((f) => !/^<(meta|style|link)> element$/.test(f)),
    label,
  ).toEqual([]);
}

describe('XSS corpus through import and the published output', () => {
  it('the corpus finder itself catches what it must (so the checks below can fail)', () => {
    const { document } = new JSDOM(corpusAsArticleHtml()).window;
    const found = findExecutable(document.body);
    expect(found.length).toBeGreaterThan(XSS_CORPUS.length);
    expect(found.join('\n')).toMatch(/<script> element[\s\S]*onerror[\s\S]*javascript/);
  });

  it('a saved web page carrying the whole corpus', async () => {
    const result = await harness.importFiles({ 'corpus.html': corpusAsArticleHtml() }, 'corpus.html');
    if (!result.ok) throw new Error(result.error.message);
    expectHarmless(result.value.draft, 'page');
    expect(JSON.stringify(result.value.draft.meta)).not.toMatch(/javascript:|onerror/i);
    const dropped = result.value.report.dropped.map((item) => item.what);
    expect(dropped).toEqual(expect.arrayContaining(['script', 'unsafe link']));
  });

  it.each(XSS_CORPUS.map((c) => [c.id, c] as const))('Markdown with raw HTML: %s', async (_id, hostile) => {
    const markdown = `---\ntitle: "Case ${hostile.id}"\n---\n\nOpening words.\n\n${hostile.html}\n\nClosing words.\n`;
    const result = await harness.importFiles({ [`${hostile.id}.md`]: markdown }, `${hostile.id}.md`);
    if (!result.ok) throw new Error(result.error.message);
    expectHarmless(result.value.draft, hostile.id);
  });

  it.each(MARKDOWN_XSS_CORPUS.map((c) => [c.id, c] as const))('Markdown syntax: %s', async (_id, hostile) => {
    const result = await harness.importFiles(
      { [`${hostile.id}.md`]: `# Case\n\n${hostile.html}\n` },
      `${hostile.id}.md`,
    );
    if (!result.ok) throw new Error(result.error.message);
    expectHarmless(result.value.draft, hostile.id);
  });

  it('a .docx whose hyperlinks point at javascript:, vbscript: and data: URLs', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Hostile links')] }),
            ...XSS_URLS.map(
              (url, index) =>
                new Paragraph({
                  children: [new ExternalHyperlink({ link: url, children: [new TextRun(`link ${index}`)] })],
                }),
            ),
          ],
        },
      ],
    });
    const result = await harness.importFiles({ 'links.docx': await Packer.toBuffer(doc) }, 'links.docx');
    if (!result.ok) throw new Error(result.error.message);
    expectHarmless(result.value.draft, 'docx');
    expect(
      nodes(parseBody(result.value.draft.body).editorState.root).filter((n) => n.type === 'link'),
    ).toEqual([]);
  });
});

describe('XSS corpus through paste cleanup (jsdom)', () => {
  const { window } = new JSDOM('');
  it.each([...XSS_CORPUS, ...MARKDOWN_XSS_CORPUS].map((c) => [c.id, c] as const))('%s', (_id, hostile) => {
    const { html } = cleanPastedHtml(hostile.html, window as unknown as PasteWindow);
    const { document } = new JSDOM(`<body>${html}</body>`).window;
    expect(findExecutable(document.body)).toEqual([]);
  });
});
