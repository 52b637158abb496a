// Export and preview through the channels a user's click takes, on a real
// SQLite file and media folder: HTML (the publish renderer, images beside
// it), Markdown (front matter round trip), .docx (read back with mammoth).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBody } from '../../src-shared/body';
import type { ArticleMeta } from '../../src-shared/article';
import { articleToMarkdown } from '../../src-shared/export/lexicalToMarkdown';
import type { ImageRef } from '../../src-shared/image';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/ipc';
import { DEFAULT_CREDIT_FORMAT, renderArticlePage } from '../../src-shared/render/renderArticle';
import { createServices, type Services } from '../../src-main/services/createServices';
import { imageFileName } from '../../src-main/services/export/exportService';
import { makePng } from '../fixtures/makeImages';
import {
  envelope,
  figure,
  heading,
  link,
  list,
  meta,
  p,
  paragraph,
  quote,
  text,
} from '../support/checksArticle';

let dataDir: string;
let services: Services;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-export-'));
  services = createServices({
    dataDir,
    shell: 'browser',
    version: 'test',
    openExternal: async () => undefined,
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
  });
});
afterEach(() => {
  services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await services.dispatch(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ChannelOutput<C>;
}

async function storedImage(caption: string, credit: string): Promise<ImageRef> {
  const { image } = await invoke('images:import', {
    bytes: new Uint8Array(makePng(40, 30)),
    name: 'lanterns.png',
  });
  return { ...image, caption, credit, alt: 'Paper lanterns on dark water' };
}

async function writeDraft(): Promise<{ id: string; image: ImageRef }> {
  const image = await storedImage('Lanterns drift past the old mill', 'Mira Okafor/Harbour Agency');
  const draft = await invoke('drafts:create', {});
  const body = envelope(
    p('The river was dark until the first lantern touched the water.'),
    heading('h2', 'How the night began'),
    paragraph(
      text('Makers worked '),
      text('all week', 1),
      text(' on '),
      text('paper and wire', 2),
      text('.'),
    ),
    paragraph(
      text('Read the '),
      link('https://example.org/festival', 'festival programme'),
      text(' online.'),
    ),
    list('bullet', 'Paper lanterns', 'Wire frames'),
    list('number', 'Light the wick', 'Let it go'),
    quote('We waited all year for this night.'),
    figure(image),
    p('A note for the <script>alert(1)</script> crowd: *not* markup.'),
  );
  await invoke('drafts:save', {
    id: draft.id,
    meta: meta({ tags: ['festival', 'river'], slug: 'lantern-festival' }),
    body,
    baseRevision: draft.revision,
  });
  return { id: draft.id, image };
}

describe('export', () => {
  it('writes HTML exactly as the publish renderer makes it, with the images in a folder beside it', async () => {
    const { id, image } = await writeDraft();
    const out = await invoke('export:article', { draftId: id, format: 'html' });
    expect(out.folder).toBe(join(dataDir, 'Copydesk Exports', 'lantern-festival'));
    expect(out.file).toBe(join(out.folder, 'lantern-festival.html'));
    const html = readFileSync(out.file, 'utf8');
    const stored = services.drafts.get(id);
    expect(html).toBe(
      renderArticlePage(
        { meta: stored.meta, body: parseBody(stored.body).editorState.root },
        { creditFormat: DEFAULT_CREDIT_FORMAT, imageSrc: (i) => `images/${imageFileName(i)}` },
      ),
    );
    expect(html).toContain(`src="images/${imageFileName(image)}"`);
    expect(readFileSync(join(out.folder, 'images', imageFileName(image)))).toEqual(makePng(40, 30));
    expect(html).not.toContain('<script>');
  });

  it('writes Markdown whose front matter reads back as the article fields', async () => {
    const { id, image } = await writeDraft();
    const out = await invoke('export:article', { draftId: id, format: 'markdown' });
    const markdown = readFileSync(out.file, 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(markdown);
    expect(match).not.toBeNull();
    expect(parse(match![1]!)).toEqual({
      kicker: 'River town',
      headline: 'Lantern festival returns to the river',
      standfirst: 'After three quiet years the festival fills the riverbanks again.',
      byline: 'Tomas Reyes',
      bylineRole: 'Culture reporter',
      articleType: 'news',
      tags: ['festival', 'river'],
      slug: 'lantern-festival',
    });
    const body = match![2]!;
    expect(body).toContain('## How the night began');
    expect(body).toContain('Makers worked **all week** on *paper and wire*.');
    expect(body).toContain('[festival programme](<https://example.org/festival>)');
    expect(body).toContain('- Paper lanterns\n- Wire frames');
    expect(body).toContain('1. Light the wick\n2. Let it go');
    expect(body).toContain('> We waited all year for this night.');
    expect(body).toContain(`![Paper lanterns on dark water](<images/${imageFileName(image)}>)`);
    expect(body).toContain('*Lanterns drift past the old mill* Photo: Mira Okafor/Harbour Agency');
    expect(body).toContain('\\<script\\>alert(1)\\</script\\> crowd: \\*not\\* markup.');
    expect(existsSync(join(out.folder, 'images', imageFileName(image)))).toBe(true);
  });

  it('round-trips awkward field text through the front matter, and the body renders as the same structure', async () => {
    const awkward: Partial<ArticleMeta> = {
      kicker: '---',
      headline: 'Mayor: "We will rebuild" # not a comment',
      standfirst: "Line one\nline two: with 'quotes' and a trailing space ",
      byline: '- Ana Lind',
      bylineRole: 'yes',
      tags: ['null', '42', 'a: b'],
      slug: 'mayor-we-will-rebuild',
      articleType: 'opinion',
    };
    const markdown = articleToMarkdown(
      {
        meta: meta(awkward),
        body: parseBody(
          envelope(
            heading('h2', 'After the flood'),
            paragraph(text('Water rose '), text('fast', 1), text(' and '), text('high', 2), text('.')),
            paragraph(
              text('1. Not a list, '),
              link('https://example.org/a_(b)', 'a link'),
              text(' <b>not bold</b>'),
            ),
            list('number', 'First', 'Second'),
            quote('Hold on.'),
          ),
        ).editorState.root,
      },
      { imageSrc: () => '' },
    );
    const [, yamlText = '', body = ''] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(markdown) ?? [];
    const front = parse(yamlText) as Record<string, unknown>;
    for (const [key, value] of Object.entries(awkward)) expect(front[key]).toEqual(value);
    const html = new MarkdownIt({ html: true }).render(body);
    expect(html).toBe(
      '<h2>After the flood</h2>\n' +
        '<p>Water rose <strong>fast</strong> and <em>high</em>.</p>\n' +
        '<p>1. Not a list, <a href="https://example.org/a_(b)">a link</a> &lt;b&gt;not bold&lt;/b&gt;</p>\n' +
        '<ol>\n<li>First</li>\n<li>Second</li>\n</ol>\n' +
        '<blockquote>\n<p>Hold on.</p>\n</blockquote>\n',
    );
  });

  it('keeps a lead image in the front matter and drops a link with an unsafe scheme', () => {
    const lead: ImageRef = {
      hash: 'c'.repeat(64),
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      caption: 'Quay at dawn',
      credit: 'Ana Lind',
      alt: 'An empty quay',
      copyright: '',
      fromFile: { caption: false, credit: false, copyright: false },
    };
    const markdown = articleToMarkdown(
      {
        meta: meta({ leadImage: lead }),
        body: parseBody(envelope(paragraph(link('javascript:alert(1)', 'click')))).editorState.root,
      },
      { imageSrc: (i) => `images/${i.hash.slice(0, 4)}.jpg` },
    );
    const front = parse(/^---\n([\s\S]*?)\n---/.exec(markdown)![1]!) as Record<string, unknown>;
    expect(front.leadImage).toEqual({
      src: 'images/cccc.jpg',
      alt: 'An empty quay',
      caption: 'Quay at dawn',
      credit: 'Ana Lind',
    });
    expect(markdown).toContain('\nclick\n');
    expect(markdown).not.toContain('javascript:');
  });

  it('writes a .docx that mammoth reads back with the text, headings, list, link, image, caption and credit', async () => {
    const { id } = await writeDraft();
    const out = await invoke('export:article', { draftId: id, format: 'docx' });
    expect(out.file.endsWith('lantern-festival.docx')).toBe(true);
    const buffer = readFileSync(out.file);
    const { value: html } = await mammoth.convertToHtml(
      { buffer },
      { styleMap: ["p[style-name='Caption'] => p.caption:fresh", "p[style-name='Title'] => h1:fresh"] },
    );
    expect(html).toContain('<h1>Lantern festival returns to the river</h1>');
    expect(html).toContain('<h2>How the night began</h2>');
    expect(html).toContain('Makers worked <strong>all week</strong> on <em>paper and wire</em>.');
    expect(html).toContain('<a href="https://example.org/festival">festival programme</a>');
    expect(html).toMatch(/<ul><li>Paper lanterns<\/li><li>Wire frames<\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>Light the wick<\/li><li>Let it go<\/li><\/ol>/);
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
    expect(html).toContain('<p class="caption">Lanterns drift past the old mill</p>');
    expect(html).toContain('<p class="caption">Photo: Mira Okafor/Harbour Agency</p>');
    const { value: raw } = await mammoth.extractRawText({ buffer });
    expect(raw).toContain('After three quiet years the festival fills the riverbanks again.');
    expect(raw).toContain('Tomas Reyes, Culture reporter');
    expect(raw).toContain('A note for the <script>alert(1)</script> crowd: *not* markup.');
  });

  it('renders the preview as the published page with the images inlined, needing nothing else', async () => {
    const { id } = await writeDraft();
    const { html } = await invoke('export:preview', { draftId: id });
    expect(html).toContain('<h1>Lantern festival returns to the river</h1>');
    expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toContain('<script');
  });

  it('refuses to open a folder it did not export into', async () => {
    const result = await services.dispatch('export:openFolder', { folder: tmpdir() });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says so when an image is missing from the media folder, and still writes the article', async () => {
    const image = await storedImage('Gone', 'Nobody');
    const draft = await invoke('drafts:create', {});
    await invoke('drafts:save', {
      id: draft.id,
      meta: meta({ slug: 'missing-image' }),
      body: envelope(figure({ ...image, hash: 'f'.repeat(64) })),
      baseRevision: draft.revision,
    });
    const result = await services.dispatch('export:article', { draftId: draft.id, format: 'html' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!result.ok && result.error.message).toMatch(/an image is missing.*Insert it again/);
    expect(existsSync(join(dataDir, 'Copydesk Exports', 'missing-image', 'missing-image.html'))).toBe(true);
  });
});
