// Paste cleanup on hand-written Word, Google Docs and web clipboard captures,
// run with jsdom's DOMParser and DOMPurify (the e2e spec runs it in Chromium).
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  type PasteWindow,
  cleanPastedHtml,
  describeCleanup,
} from '../../src-renderer/editor/sanitizePastedHtml';
import {
  GOOGLE_DOCS_CLIPBOARD_HTML,
  WEB_CLIPBOARD_HTML,
  WORD_CLIPBOARD_HTML,
} from '../fixtures/clipboardCaptures';

const { window } = new JSDOM('');
const clean = (html: string) => cleanPastedHtml(html, window as unknown as PasteWindow);
const dom = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body;
/** An item's own text, without its nested list. */
const ownText = (item: Element | null | undefined): string => {
  const copy = item?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('ul, ol').forEach((list) => list.remove());
  return copy?.textContent?.trim() ?? '';
};

describe('paste cleanup', () => {
  it('turns Word mso-list paragraphs into real nested lists and keeps soft breaks and smart quotes', () => {
    const { html } = clean(WORD_CLIPBOARD_HTML);
    const body = dom(html);
    const bullets = body.querySelector('ul');
    expect(ownText(bullets?.children[0])).toBe('Tickets cost the same');
    expect(bullets?.children).toHaveLength(2);
    expect(bullets?.querySelector(':scope li ul > li')?.textContent?.trim()).toBe('Even at weekends');
    expect(
      bullets?.querySelector(':scope > li:last-child strong, :scope > li:last-child b')?.textContent,
    ).toBe('Bikes');
    const numbered = body.querySelector('ol');
    expect(Array.from(numbered?.children ?? []).map((li) => li.textContent?.trim())).toEqual([
      'Board at the east quay',
      'Show your pass',
    ]);
    expect(html).not.toMatch(/·|mso-|MsoList|o:p|class=|style=/);
    expect(body.querySelector('p br')).not.toBeNull();
    expect(body.textContent).toContain('The ferry is “back”, said the harbour’s master.');
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://example.org/ferry');
  });

  it('unwraps the Google Docs wrapper and turns its style spans into bold and italic', () => {
    const { html, cleanup } = clean(GOOGLE_DOCS_CLIPBOARD_HTML);
    const body = dom(html);
    expect(body.querySelector('[id^="docs-internal-guid"]')).toBeNull();
    // The wrapper <b style="font-weight:normal"> must not make everything bold.
    expect(body.querySelector('b')).toBeNull();
    expect(Array.from(body.querySelectorAll('strong')).map((e) => e.textContent)).toEqual(['nurses']);
    expect(Array.from(body.querySelectorAll('em')).map((e) => e.textContent)).toEqual(['bakers']);
    expect(body.querySelector('h2')?.textContent).toBe('Night buses');
    expect(body.querySelectorAll('ul > li')).toHaveLength(2);
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://example.org/buses?route=n1');
    expect(cleanup.trackingLinks).toBe(1);
    expect(cleanup.styles).toBeGreaterThan(10);
    expect(html).not.toContain('style=');
  });

  it('keeps a web page’s structure and drops styles, classes, fonts, tracking, scripts, handlers, frames and forms, and says so', () => {
    const { html, cleanup } = clean(WEB_CLIPBOARD_HTML);
    const body = dom(html);
    expect(body.querySelector('h3')?.textContent).toBe('The numbers');
    expect(body.querySelector('blockquote')?.textContent).toContain('Without the bus');
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://example.org/data?year=2026');
    expect(body.querySelector('strong')?.textContent).toBe('A bold line from a style.');
    for (const gone of [
      'script',
      'form',
      'input',
      'button',
      'iframe',
      'font',
      '[class]',
      '[style]',
      '[onclick]',
    ]) {
      expect(body.querySelector(gone), gone).toBeNull();
    }
    expect(html).not.toContain('__pasteRan');
    expect(body.textContent).not.toMatch(/Tweet|Share this/);
    expect(cleanup).toMatchObject({
      classes: 6,
      fonts: 1,
      trackingLinks: 1,
      scripts: 1,
      handlers: 2,
      frames: 1,
      forms: 3,
    });
    expect(describeCleanup(cleanup)).toBe(
      'Removed 5 styles, 6 classes, 1 font, 1 tracking link, 1 script, 2 event handlers, 1 embedded frame, 3 form fields',
    );
  });

  it('says nothing when nothing was removed', () => {
    const { html, cleanup } = clean('<p>Plain <strong>text</strong>.</p>');
    expect(html).toBe('<p>Plain <strong>text</strong>.</p>');
    expect(describeCleanup(cleanup)).toBeNull();
  });
});
