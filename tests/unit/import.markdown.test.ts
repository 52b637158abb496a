// Markdown (CommonMark + YAML front matter) import through the channels.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyPlainText, parseBody } from '../../src-shared/body';
import { makePng } from '../fixtures/makeImages';
import { buildMarkdown, MARKDOWN_TEXT } from '../fixtures/importFixtures';
import { createImportHarness, nodes, type ImportHarness } from '../fixtures/importHarness';

let harness: ImportHarness;
beforeEach(() => {
  harness = createImportHarness();
});
afterEach(() => harness.close());

describe('Markdown import', () => {
  it('fills the fields from the front matter and the body from CommonMark', async () => {
    const result = await harness.importFiles(
      { 'plots.md': buildMarkdown(), 'plot.png': makePng(30, 20) },
      'plots.md',
    );
    if (!result.ok) throw new Error(result.error.message);
    const { draft, report } = result.value;
    expect(draft.meta).toMatchObject({
      headline: MARKDOWN_TEXT.headline,
      kicker: MARKDOWN_TEXT.kicker,
      standfirst: MARKDOWN_TEXT.standfirst,
      byline: MARKDOWN_TEXT.byline,
      bylineRole: MARKDOWN_TEXT.role,
      articleType: 'feature',
      tags: [...MARKDOWN_TEXT.tags],
    });
    const root = parseBody(draft.body).editorState.root;
    const all = nodes(root);
    expect(all.some((n) => n.type === 'text' && n.text === 'allotment' && n.format === 1)).toBe(true);
    expect(all.some((n) => n.type === 'text' && n.text === 'first' && n.format === 2)).toBe(true);
    expect(all.find((n) => n.type === 'heading')?.tag).toBe('h2');
    expect(all.filter((n) => n.type === 'list').map((n) => n.listType)).toEqual(['bullet', 'number']);
    expect(all.some((n) => n.type === 'quote')).toBe(true);
    expect(all.some((n) => n.type === 'horizontalrule')).toBe(true);
    expect(all.find((n) => n.type === 'link')?.url).toBe('https://example.org/notice?id=7');
    expect(all.find((n) => n.type === 'image-figure')).toMatchObject({
      alt: 'Beans climbing canes',
      caption: 'Runner beans on the new plots',
      credit: 'Nell Ashby',
      mime: 'image/png',
    });
    expect(bodyPlainText(root)).not.toContain('title:');
    expect(report.notes.join(' ')).toContain('Original date: 2026-03-01');
  });

  it('refuses front matter that is not valid YAML, naming the line', async () => {
    const result = await harness.importFiles(
      { 'bad.md': '---\ntitle: [unclosed\nauthor: x\n---\nBody' },
      'bad.md',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/front matter of “bad\.md”.*not valid YAML/);
    expect(harness.services.drafts.hasAny()).toBe(false);
  });
});
