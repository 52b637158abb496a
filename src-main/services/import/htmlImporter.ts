// A saved web page → parsed document. The page is read by jsdom in the
// services (no scripts run, nothing is fetched), the site's furniture is
// removed and counted (comment forms, captchas, share and tweet widgets,
// related-article lists, newsletter boxes, navigation, adverts, tracking
// pixels, hidden links, links to spam domains), then @mozilla/readability
// finds the article. Kicker, headline, standfirst, byline and role come from
// the page's own markup and metadata; the lead image is the figure before
// the first paragraph; captions with a glued credit are split.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { inlineText } from '../../../src-shared/import/blocks';
import { DropTally } from '../../../src-shared/import/report';
import { spamDomainOf } from '../../../src-shared/import/tracking';
import { LINK_PROTOCOLS } from '../../../src-shared/links';
import {
  attachCaptions,
  documentBlocks,
  walkNotes,
  tidyInlines,
  type ParsedBlock,
  type PendingFigure,
} from './htmlToBlocks';
import { decodeText, describeBytes, isProbablyText } from './sniff';
import { emptyFields, ImportRefusal, type ParsedDocument, type ParsedFields } from './types';
import { articleTypeFrom, importBaseUrl } from './paths';

/** Fewer characters of article text than this is "no article". */
const MIN_ARTICLE_CHARS = 140;

interface Furniture {
  what: string;
  selector: string;
  /** Only elements with less text than this are furniture (a wrapper holding the article is not). */
  maxText?: number;
}

const FURNITURE: readonly Furniture[] = [
  { what: 'script', selector: 'script, noscript, template' },
  { what: 'style sheet', selector: 'style, link[rel~="stylesheet"]' },
  { what: 'embedded frame', selector: 'iframe, frame, object, embed' },
  {
    what: 'comment form',
    selector:
      '#respond, .comment-respond, #commentform, form[id*="comment" i], form[class*="comment" i], #comments, .comments-area, .comment-list, [id^="disqus"]',
  },
  { what: 'captcha', selector: '.g-recaptcha, .h-captcha, [class*="captcha" i], [id*="captcha" i]' },
  {
    what: 'share widget',
    selector:
      '[class*="share" i], [id*="share" i], [class*="social" i], .addthis_toolbox, .sharedaddy, a[href*="twitter.com/intent"], a[href*="facebook.com/sharer"], a[href*="linkedin.com/shareArticle"], a[href*="x.com/intent"]',
    maxText: 300,
  },
  {
    what: 'tweet widget',
    selector:
      '.twitter-tweet, .twitter-timeline, [class*="twitter" i], [id*="twitter" i], [class*="tweet" i], [id*="tweet" i]',
    maxText: 2_000,
  },
  {
    what: 'related-article list',
    selector:
      '[class*="related" i], [id*="related" i], .yarpp, [class*="recommended" i], [class*="more-stories" i], [class*="most-read" i], [class*="popular" i]',
    maxText: 4_000,
  },
  {
    what: 'newsletter box',
    selector:
      '[class*="newsletter" i], [id*="newsletter" i], [class*="subscribe" i], [id*="subscribe" i], [class*="signup" i]',
    maxText: 1_000,
  },
  {
    what: 'navigation, sidebar or footer',
    selector:
      'nav, footer, aside, [role="navigation"], [role="contentinfo"], [role="complementary"], .sidebar, #sidebar, .widget, .menu',
    maxText: 6_000,
  },
  {
    what: 'advert',
    selector: '[class*="advert" i], [id*="advert" i], ins.adsbygoogle, .ad, [class^="ad-"]',
    maxText: 1_000,
  },
  { what: 'form', selector: 'form, input, button, select, textarea' },
];

const CAPTCHA_TEXT =
  /what is \d+\s*[+\-x×*]\s*\d+\s*\?|solve the following simple math|so we know that you are a human|leave these two fields as-is|i'?m not a robot/i;
const WIDGET_HEADING =
  /^(?:latest tweets|tweets|follow us|related(?: articles| posts| stories)?|you may also like|more from|read more|most read|most popular|popular posts|latest news|recent posts|newsletter|sign up|share this|leave a (?:comment|reply)|comments?)\b/i;

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function styleOf(element: Element): string {
  return (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
}

const HIDDEN_STYLE =
  /display:none|visibility:hidden|font-size:0(?:px|em|rem)?(?:;|$)|(?:left|top|text-indent):-\d{3,}px|opacity:0(?:;|$)|height:0(?:px)?;.*overflow:hidden|width:0(?:px)?;.*overflow:hidden/;

function isHidden(element: Element): boolean {
  return (
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    HIDDEN_STYLE.test(styleOf(element))
  );
}

function isTrackingPixel(img: Element): boolean {
  const width = Number.parseInt(img.getAttribute('width') ?? '', 10);
  const height = Number.parseInt(img.getAttribute('height') ?? '', 10);
  if (
    (width >= 0 && width <= 3 && img.hasAttribute('width')) ||
    (height >= 0 && height <= 3 && img.hasAttribute('height'))
  )
    return true;
  return /(?:^|;)(?:width|height):[0-3]px/.test(styleOf(img)) || isHidden(img);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, 60);
  }
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    'latin1',
  );
  return /<meta[^>]+charset=["']?([A-Za-z0-9_:.-]+)/i.exec(head)?.[1] ?? null;
}

function removeFurniture(document: Document, dropped: DropTally, spamDomains: readonly string[]): void {
  const body = document.body;
  // Hidden things first: injected spam is usually a hidden block of links.
  for (const element of Array.from(body.querySelectorAll('*'))) {
    if (!element.isConnected || element.localName === 'img' || !isHidden(element)) continue;
    const links = element.localName === 'a' ? [element] : Array.from(element.querySelectorAll('a[href]'));
    if (links.length > 0)
      for (const link of links)
        dropped.add('hidden link', `${text(link)} (${hostOf(link.getAttribute('href') ?? '')})`);
    else if (text(element) !== '') dropped.add('hidden text', text(element));
    element.remove();
  }
  for (const link of Array.from(body.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (spamDomainOf(href, spamDomains)) {
      dropped.add('link to a spam domain', `${text(link)} (${hostOf(href)})`);
      link.remove();
    }
  }
  // Links to script (javascript:, vbscript:, data:): the words stay, the link goes.
  for (const link of Array.from(body.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    let protocol = '';
    try {
      protocol = new URL(href, 'https://x.invalid/').protocol;
    } catch {
      protocol = 'invalid:';
    }
    if (LINK_PROTOCOLS.has(protocol)) continue;
    dropped.add('unsafe link', `${text(link)} (${href.trim().slice(0, 30)})`);
    link.replaceWith(...Array.from(link.childNodes));
  }
  for (const img of Array.from(body.querySelectorAll('img'))) {
    if (isTrackingPixel(img)) {
      dropped.add('tracking pixel', hostOf(img.getAttribute('src') ?? ''));
      img.remove();
    }
  }
  // Widgets announced by a heading ("Latest Tweets", "Related articles"): the heading and its box.
  for (const heading of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6, .widget-title'))) {
    if (!heading.isConnected || !WIDGET_HEADING.test(text(heading))) continue;
    const box = heading.closest('aside, section, .widget, [class*="widget" i]');
    const what = /tweet/i.test(text(heading))
      ? 'tweet widget'
      : /comment|reply/i.test(text(heading))
        ? 'comment form'
        : /newsletter|sign up/i.test(text(heading))
          ? 'newsletter box'
          : /share/i.test(text(heading))
            ? 'share widget'
            : 'related-article list';
    if (box && box !== body && !box.querySelector('article') && text(box).length < 4_000) {
      dropped.add(what, text(heading));
      box.remove();
    } else {
      dropped.add(what, text(heading));
      const next = heading.nextElementSibling;
      if (next && /^(ul|ol|div|section|form)$/.test(next.localName) && text(next).length < 4_000)
        next.remove();
      heading.remove();
    }
  }
  for (const { what, selector, maxText } of FURNITURE) {
    for (const element of Array.from(document.querySelectorAll(selector))) {
      if (!element.isConnected || element === body) continue;
      if (element.querySelector('article, [itemprop="articleBody"], .entry-content, .article-body')) continue;
      const content = text(element);
      if (maxText !== undefined && content.length > maxText) continue;
      dropped.add(what, content.slice(0, 60) || element.localName);
      element.remove();
    }
  }
  // Captchas written as plain text ("What is 2 + 12 ?"): the smallest block that says so.
  for (const element of Array.from(body.querySelectorAll('p, label, li, span, div, fieldset'))) {
    if (!element.isConnected) continue;
    const content = text(element);
    if (content.length > 400 || !CAPTCHA_TEXT.test(content)) continue;
    if (Array.from(element.children).some((child) => CAPTCHA_TEXT.test(text(child)))) continue;
    dropped.add('captcha', content);
    element.remove();
  }
}

function metaContent(document: Document, ...keys: string[]): string {
  for (const key of keys) {
    const element = document.querySelector(
      `meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`,
    );
    const value = element?.getAttribute('content')?.replace(/\s+/g, ' ').trim();
    if (value) return value;
  }
  return '';
}

function readDate(document: Document): string {
  const raw =
    metaContent(document, 'article:published_time', 'datePublished', 'date', 'dc.date') ||
    document.querySelector('time[datetime]')?.getAttribute('datetime') ||
    text(document.querySelector('time, .date, .published, .entry-date, [class*="dateline" i]'));
  if (!raw) return '';
  const parsed = Date.parse(raw);
  if (!Number.isNaN(parsed) && /\d{4}-\d\d-\d\d/.test(raw)) {
    return new Date(parsed).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return raw.slice(0, 80);
}

function readByline(document: Document): { byline: string; role: string } {
  const element = document.querySelector(
    '.byline, [rel="author"], [itemprop="author"], .author, .author-name, [class*="byline" i]',
  );
  if (!element) {
    const meta = metaContent(document, 'author', 'article:author');
    return { byline: /^https?:/.test(meta) ? '' : meta, role: '' };
  }
  const holder = element.closest('.byline, [class*="byline" i]') ?? element;
  const roleElement = holder.querySelector(
    '.role, .author-role, .author-title, .job-title, [class*="role" i], [itemprop="jobTitle"]',
  );
  const role = text(roleElement);
  const nameElement =
    holder.querySelector('.author-name, [itemprop="name"], [rel="author"], .author') ?? holder;
  let byline = text(nameElement);
  if (role !== '' && byline.endsWith(role)) byline = byline.slice(0, -role.length);
  byline = byline
    .replace(/^by\s+/i, '')
    .replace(/[\s,|–—-]+$/, '')
    .trim();
  return { byline, role };
}

/** Reads the page's fields, then drops furniture; the article's own wrapper is left for Readability. */
export function parseHtmlPage(
  bytes: Uint8Array,
  path: string,
  spamDomains: readonly string[],
): ParsedDocument {
  const name = path.split('/').pop() ?? path;
  if (!isProbablyText(bytes)) {
    const what = describeBytes(bytes);
    throw new ImportRefusal(
      `“${name}” is not a web page${what ? `: it is ${what}` : ''}. In your browser use “Save page as…” (complete or HTML only) and import the .html file.`,
    );
  }
  const html = decodeText(bytes, declaredCharset(bytes));
  if (!/<(?:html|body|head|p|div|article|h1|h2)[\s>]/i.test(html)) {
    throw new ImportRefusal(
      `“${name}” is not a web page: it has no HTML markup. If it is plain text or Markdown, name it .md and import it again.`,
    );
  }
  const dom = new JSDOM(html, { url: importBaseUrl(path), virtualConsole: new VirtualConsole() });
  const { document } = dom.window;
  const dropped = new DropTally();
  const notes: string[] = [];

  const fields: ParsedFields = emptyFields();
  fields.kicker =
    text(
      document.querySelector(
        '.kicker, .section-label, .rubric, .cat-links, [class*="kicker" i], [class*="eyebrow" i]',
      ),
    ) || metaContent(document, 'article:section');
  if (fields.kicker === '') {
    // A short line right above the headline ("Scrolling news:") is the kicker.
    const above = document.querySelector('article h1, main h1, h1')?.previousElementSibling;
    const line = text(above);
    if (
      above &&
      /^(?:p|div|span|a)$/.test(above.localName) &&
      line.length <= 40 &&
      line.split(' ').length <= 5
    )
      fields.kicker = line;
  }
  if (fields.kicker.length > 60) fields.kicker = '';
  fields.kicker = fields.kicker.replace(/:$/, '');
  const pageHeadline =
    text(document.querySelector('article h1, main h1, h1')) ||
    metaContent(document, 'og:title', 'twitter:title');
  const standfirstElement = document.querySelector(
    '.standfirst, .dek, .subtitle, .subheadline, .article-summary, .excerpt, [class*="standfirst" i], [class*="intro" i]',
  );
  const standfirst = text(standfirstElement) || '';
  const { byline, role } = readByline(document);
  const date = readDate(document);
  const dateText = text(document.querySelector('time'));
  const description = metaContent(document, 'og:description', 'description', 'twitter:description');

  removeFurniture(document, dropped, spamDomains);
  let article: ReturnType<Readability<string>['parse']>;
  try {
    article = new Readability(document, { keepClasses: true, charThreshold: 300 }).parse();
  } catch {
    article = null;
  }
  if (!article || (article.textContent ?? '').replace(/\s+/g, ' ').trim().length < MIN_ARTICLE_CHARS) {
    throw new ImportRefusal(
      `Copydesk found no article in “${name}”: the page has too little running text (it may be an index page, a login page, or built by scripts after loading). ` +
        'Open the article itself in your browser, save it with “Save page as…”, and import that — or copy the text and paste it into a new draft.',
    );
  }
  fields.headline = pageHeadline || (article.title ?? '').trim();
  fields.standfirst = standfirst;
  fields.byline = byline || (article.byline ?? '').replace(/^by\s+/i, '').trim();
  fields.bylineRole = role;
  fields.articleType = articleTypeFrom(
    `${fields.kicker} ${metaContent(document, 'article:section')} ${path}`,
  );

  const contentDom = new JSDOM(`<!doctype html><body>${article.content ?? ''}</body>`, {
    url: importBaseUrl(path),
  });
  const { blocks, stats } = documentBlocks(contentDom.window.document.body, dropped, spamDomains);

  // The fields also appear in the article's text: take them out of the body.
  const same = (a: string, b: string): boolean =>
    a !== '' && a.replace(/\W+/g, ' ').trim().toLowerCase() === b.replace(/\W+/g, ' ').trim().toLowerCase();
  removeBlocks(blocks, (block, plain) => {
    if (block.kind === 'heading' && same(plain, fields.headline)) return true;
    if (same(plain, fields.kicker) || same(plain, `${fields.kicker}:`)) return true;
    if (fields.standfirst !== '' && same(plain, fields.standfirst)) return true;
    if (
      fields.byline !== '' &&
      (same(plain, fields.byline) ||
        same(plain, `By ${fields.byline}`) ||
        same(plain, `${fields.byline} ${fields.bylineRole}`))
    )
      return true;
    if (date !== '' && (same(plain, date) || same(plain, dateText))) return true;
    return false;
  });
  attachCaptions(blocks);
  // Lead image: a figure before the first paragraph of text.
  let leadImage: PendingFigure | null = null;
  const firstText = blocks.findIndex((block) => block.kind === 'paragraph');
  const firstFigure = blocks.findIndex((block) => block.kind === 'pending-figure');
  if (firstFigure !== -1 && (firstText === -1 || firstFigure < firstText)) {
    leadImage = blocks[firstFigure] as PendingFigure;
    blocks.splice(firstFigure, 1);
  }
  // Standfirst: the page's own, else its description when the body opens with it.
  if (fields.standfirst === '') {
    const first = blocks.findIndex((block) => block.kind === 'paragraph');
    const block = blocks[first];
    const excerpt = (article.excerpt ?? '').replace(/\s+/g, ' ').trim();
    if (block?.kind === 'paragraph' && (description !== '' || excerpt !== '')) {
      const plain = inlineText(block.inlines).trim();
      const opens = (summary: string): boolean =>
        summary.length > 60 && plain.startsWith(summary.replace(/(?:…|\.\.\.)$/, ''));
      // Only a first paragraph that reads like a standfirst (one or two sentences) is taken.
      if (plain.length <= 400 && (same(plain, description) || same(plain, excerpt) || opens(description))) {
        fields.standfirst = plain;
        blocks.splice(first, 1);
      }
    }
  }
  // Sites without standfirst markup often put a one-sentence "X argues …" dek right under the lead image.
  if (fields.standfirst === '' && leadImage !== null) {
    const block = blocks[0];
    const plain = block?.kind === 'paragraph' ? inlineText(tidyInlines(block.inlines)).trim() : '';
    if (
      plain.length > 0 &&
      plain.length <= 320 &&
      blocks.length > 2 &&
      /\b(?:argues|writes|says|explains|asks|warns|insists|reports|looks at|examines)\b/.test(plain)
    ) {
      fields.standfirst = plain;
      blocks.splice(0, 1);
      notes.push(
        'The paragraph under the lead image was taken as the standfirst; move it back into the body if it is not one.',
      );
    }
  }
  if (fields.byline === '') takeSignOff(blocks, fields);
  if (date !== '') notes.push(`Original date: ${date}. Copydesk sets the date when you publish.`);
  notes.push(...walkNotes(stats));
  dom.window.close();
  contentDom.window.close();
  return { kind: 'html', fields, blocks, leadImage, embedded: new Map(), notes, needsLook: [], dropped };
}

function removeBlocks(blocks: ParsedBlock[], test: (block: ParsedBlock, plain: string) => boolean): void {
  // Only near the top: the same words later in the article are the article's.
  const limit = Math.min(blocks.length, 6);
  for (let i = limit - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.kind !== 'paragraph' && block.kind !== 'heading') continue;
    if (test(block, inlineText(tidyInlines(block.inlines)).trim())) blocks.splice(i, 1);
  }
}

/** An op-ed's sign-off: "Name," then a short role line, ending the article. */
function takeSignOff(blocks: ParsedBlock[], fields: ParsedFields): void {
  const last = blocks[blocks.length - 1];
  const before = blocks[blocks.length - 2];
  if (last?.kind !== 'paragraph' || before?.kind !== 'paragraph') return;
  const name = inlineText(tidyInlines(before.inlines)).trim();
  const role = inlineText(tidyInlines(last.inlines)).trim();
  if (!/^[\p{Lu}][^.!?]{2,60},$/u.test(name) || name.split(/\s+/).length > 7) return;
  if (role.length > 140 || /[.!?]$/.test(role)) return;
  fields.byline = name.replace(/,$/, '');
  fields.bylineRole = role;
  blocks.splice(blocks.length - 2, 2);
}
