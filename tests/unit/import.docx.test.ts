// .docx import through the channels the renderer uses (import:stage, import:run).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyPlainText, parseBody } from '../../src-shared/body';
import { buildContributorDocx, DOCX_TEXT } from '../fixtures/importFixtures';
import { createImportHarness, nodes, type ImportHarness } from '../fixtures/importHarness';

let harness: ImportHarness;
beforeEach(() => {
  harness = createImportHarness();
});
afterEach(() => harness.close());

describe('.docx import', () => {
  it('makes a draft with the title, byline, structure, figure, caption and credit of the document', async () => {
    const result = await harness.importFiles({ 'ferry.docx': await buildContributorDocx() }, 'ferry.docx');
    if (!result.ok) throw new Error(result.error.message);
    const { draft, report } = result.value;
    expect(draft.meta.headline).toBe(DOCX_TEXT.headline);
    expect(draft.meta.byline).toBe(DOCX_TEXT.byline);
    expect(draft.meta.bylineRole).toBe(DOCX_TEXT.role);
    const root = parseBody(draft.body).editorState.root;
    const all = nodes(root);
    const text = bodyPlainText(root);
    expect(all.find((n) => n.type === 'heading')?.tag).toBe('h2');
    expect(all.some((n) => n.type === 'text' && n.text === 'on time' && n.format === 1)).toBe(true);
    expect(all.some((n) => n.type === 'text' && n.text === 'almost full' && n.format === 2)).toBe(true);
    const lists = all.filter((n) => n.type === 'list');
    expect(lists.map((l) => l.listType).sort()).toEqual(['bullet', 'number']);
    const quote = all.find((n) => n.type === 'quote');
    expect(quote && bodyPlainText({ type: 'root', children: [quote] })).toBe(DOCX_TEXT.quote);
    // The link keeps its target without the tracking parameters.
    const link = all.find((n) => n.type === 'link');
    expect(link?.url).toBe('https://example.org/timetable?day=mon');
    // The table is flattened into one paragraph per row.
    expect(text).toContain('Day | First sailing');
    expect(text).toContain('Monday | 07:00');
    // The figure carries the Caption paragraph split into caption and credit, and the image's alt text.
    const figure = all.find((n) => n.type === 'image-figure');
    expect(figure).toMatchObject({
      caption: DOCX_TEXT.caption,
      credit: DOCX_TEXT.credit,
      alt: DOCX_TEXT.alt,
      mime: 'image/png',
    });
    expect(text).not.toContain('Credit:');
    const stored = await harness.services.media.readImage(String(figure?.hash));
    expect(stored?.mime).toBe('image/png');
    // Tracked insertion accepted, deletion gone, comment dropped — and the report says so.
    expect(text).toContain(`Its hull is ${DOCX_TEXT.inserted}and the queue`);
    expect(text).not.toContain(DOCX_TEXT.deleted.trim());
    expect(text).not.toContain(DOCX_TEXT.comment);
    expect(report.dropped).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'comment', count: 1 })]),
    );
    expect(report.notes.join(' ')).toMatch(
      /1 comment dropped; 1 tracked insertion accepted; 1 tracked deletion/,
    );
    expect(report.notes.join(' ')).toContain('1 table flattened');
    expect(report.counts.figures).toBe(1);
  });

  it('stores a first revision and a report the editor can reopen', async () => {
    const result = await harness.importFiles({ 'ferry.docx': await buildContributorDocx() }, 'ferry.docx');
    if (!result.ok) throw new Error(result.error.message);
    const { draft, report } = result.value;
    const revisions = harness.services.drafts.listRevisions(draft.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]?.revision).toBe(report.revision);
    expect(report.label).toBe('Imported from ferry.docx');
    const reopened = await harness.services.dispatch('import:report', { draftId: draft.id });
    expect(reopened).toEqual({ ok: true, value: { report } });
    expect(harness.services.drafts.list().map((d) => d.headline)).toEqual([DOCX_TEXT.headline]);
  });

  it('says what needs a look: an image without alt text and a caption without a credit', async () => {
    const docx = await buildContributorDocx();
    // Same document, alt text and credit removed from its XML.
    const { buildZip } = await import('../fixtures/importFixtures');
    const { readZipDirectory, readZipEntry } = await import('../../src-main/services/import/zipGuard');
    const entries = readZipDirectory(docx).map((entry) => {
      let data: Uint8Array = readZipEntry(docx, entry);
      if (entry.name === 'word/document.xml') {
        data = Buffer.from(
          Buffer.from(data)
            .toString('utf8')
            .replace(/\b(descr|title)="[^"]*"/g, '$1=""')
            .replace(` (Credit: ${DOCX_TEXT.credit})`, ''),
        );
      }
      return { name: entry.name, data };
    });
    const result = await harness.importFiles({ 'bare.docx': buildZip(entries) }, 'bare.docx');
    if (!result.ok) throw new Error(result.error.message);
    const kinds = result.value.report.needsLook.map((item) => item.kind);
    expect(kinds).toContain('image-without-alt');
    expect(kinds).toContain('caption-without-credit');
  });
});
