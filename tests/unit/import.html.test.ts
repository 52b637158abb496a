// Saved web page import through the channels the renderer uses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyPlainText, parseBody } from '../../src-shared/body';
import { buildOpEdPage, buildSavedPage, OPED_TEXT, PAGE_TEXT } from '../fixtures/importFixtures';
import { makeJpeg } from '../fixtures/makeImages';
import { createImportHarness, nodes, type ImportHarness } from '../fixtures/importHarness';

let harness: ImportHarness;
beforeEach(async () => {
  harness = createImportHarness();
  // The same list the pre-publish check uses.
  const saved = await harness.services.dispatch('publish:saveSettings', {
    spamDomains: [PAGE_TEXT.spamDomain],
  });
  expect(saved.ok).toBe(true);
});
afterEach(() => harness.close());

async function importPage(withFiles: boolean) {
  const page = buildSavedPage();
  const files: Record<string, Uint8Array | string> = { 'night-buses.html': page.html };
  if (withFiles) Object.assign(files, page.files);
  const result = await harness.importFiles(files, 'night-buses.html');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('saved web page import', () => {
  it('extracts kicker, headline, standfirst, byline, role, lead image and figures with split credits', async () => {
    const { draft, report } = await importPage(true);
    const { meta } = draft;
    expect(meta.kicker).toBe(PAGE_TEXT.kicker);
    expect(meta.headline).toBe(PAGE_TEXT.headline);
    expect(meta.standfirst).toBe(PAGE_TEXT.standfirst);
    expect(meta.byline).toBe(PAGE_TEXT.byline);
    expect(meta.bylineRole).toBe(PAGE_TEXT.role);
    expect(meta.articleType).toBe('opinion');
    expect(meta.leadImage).toMatchObject({
      caption: PAGE_TEXT.leadCaption,
      credit: PAGE_TEXT.leadCredit,
      alt: PAGE_TEXT.leadAlt,
      mime: 'image/jpeg',
    });
    const root = parseBody(draft.body).editorState.root;
    const all = nodes(root);
    const figure = all.find((n) => n.type === 'image-figure');
    expect(figure).toMatchObject({
      caption: PAGE_TEXT.figureCaption,
      credit: PAGE_TEXT.figureCredit,
      mime: 'image/jpeg',
    });
    expect(all.find((n) => n.type === 'heading')?.tag).toBe('h2');
    expect(all.some((n) => n.type === 'list')).toBe(true);
    expect(all.some((n) => n.type === 'quote')).toBe(true);
    const text = bodyPlainText(root);
    expect(text.startsWith(PAGE_TEXT.firstParagraph)).toBe(true);
    expect(text).toContain(PAGE_TEXT.closing);
    expect(report.notes.join(' ')).toContain('Original date: 26 February 2026');
    // Tracking parameters gone from the kept link.
    expect(all.find((n) => n.type === 'link')?.url).toBe('https://example.org/report?page=2');
    expect(report.needsLook.map((i) => i.kind)).toEqual(['image-without-alt']);
  });

  it('drops the site furniture and says what it dropped', async () => {
    const { draft, report } = await importPage(true);
    const everything = JSON.stringify(draft);
    for (const gone of [
      PAGE_TEXT.spamDomain,
      PAGE_TEXT.spamText,
      PAGE_TEXT.hiddenText,
      PAGE_TEXT.relatedText,
      PAGE_TEXT.newsletterText,
      PAGE_TEXT.tweetText,
      PAGE_TEXT.captcha,
      PAGE_TEXT.commentPrompt,
      PAGE_TEXT.trackingHost,
      'Tweet',
      'Sign up',
      'Sport',
      'dataLayer',
    ]) {
      expect(everything, gone).not.toContain(gone);
    }
    const dropped = new Map(report.dropped.map((item) => [item.what, item]));
    expect(dropped.get('link to a spam domain')?.count).toBeGreaterThanOrEqual(1);
    expect(dropped.get('hidden link')?.examples.join(' ')).toContain(PAGE_TEXT.hiddenText);
    expect(dropped.get('tracking pixel')?.count).toBe(2);
    for (const what of [
      'comment form',
      'share widget',
      'tweet widget',
      'related-article list',
      'newsletter box',
      'script',
    ]) {
      expect(dropped.has(what), what).toBe(true);
    }
  });

  it('leaves a figure that asks for its file when the _files folder is missing', async () => {
    const { draft, report } = await importPage(false);
    const missing = report.needsLook.filter((item) => item.kind === 'missing-image');
    expect(missing).toHaveLength(2);
    expect(missing[0]?.message).toContain('lead-bus.jpg');
    expect(missing[0]?.message).toContain('use Replace');
    expect(draft.meta.leadImage?.caption).toBe(PAGE_TEXT.leadCaption);
    expect(draft.meta.leadImage?.mime).toBe('image/png');
    // Its alt text stays empty (publishing is blocked until it is replaced); the report keeps the page's.
    expect(draft.meta.leadImage?.alt).toBe('');
    expect(report.needsLook.map((item) => item.message).join(' ')).toContain(PAGE_TEXT.leadAlt);
    expect(report.needsLook.filter((item) => item.kind === 'image-without-alt')).toEqual([]);
    const figure = nodes(parseBody(draft.body).editorState.root).find((n) => n.type === 'image-figure');
    expect(figure).toMatchObject({
      caption: PAGE_TEXT.figureCaption,
      credit: PAGE_TEXT.figureCredit,
      alt: '',
    });
  });

  it('matches images picked beside the page (not in a folder) by file name', async () => {
    const page = buildSavedPage();
    const files: Record<string, Uint8Array | string> = { 'night-buses.html': page.html };
    for (const [path, bytes] of Object.entries(page.files)) files[path.split('/').pop()!] = bytes;
    const result = await harness.importFiles(files, 'night-buses.html');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.report.needsLook.filter((item) => item.kind === 'missing-image')).toEqual([]);
    expect(result.value.draft.meta.leadImage?.mime).toBe('image/jpeg');
  });

  it('reads an op-ed whose caption is a paragraph with a glued credit and whose byline is a sign-off', async () => {
    const result = await harness.importFiles(
      { 'oped.html': buildOpEdPage(), 'oped_files/cottage.jpg': new Uint8Array(makeJpeg(60, 40)) },
      'oped.html',
    );
    if (!result.ok) throw new Error(result.error.message);
    const { meta, body } = result.value.draft;
    expect(meta.headline).toBe(OPED_TEXT.headline);
    expect(meta.kicker).toBe(OPED_TEXT.section);
    expect(meta.articleType).toBe('opinion');
    expect(meta.leadImage).toMatchObject({ caption: OPED_TEXT.caption, credit: OPED_TEXT.credit, alt: '' });
    expect(meta.standfirst).toBe(OPED_TEXT.standfirst);
    expect(meta.byline).toBe(OPED_TEXT.signOffName);
    expect(meta.bylineRole).toBe(OPED_TEXT.signOffRole);
    const text = bodyPlainText(parseBody(body).editorState.root);
    expect(text.startsWith('Point 1:')).toBe(true);
    expect(text.trim().endsWith('never came.')).toBe(true);
    expect(text).not.toMatch(/What is|Leave a Comment|IMPORTANT|3rd Mar/);
    expect(result.value.report.needsLook.map((i) => i.kind)).toEqual(['image-without-alt']);
  });
});
