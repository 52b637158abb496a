// The pre-publish checklist. Pure and offline: it reads the article model and
// the body's Lexical JSON and never touches the network. Blocking findings stop
// a publish; warnings are shown and may be published over. Each finding says
// where it is, so the editor can jump to it.
import { normaliseSpamList, spamEntryFor } from '../spamList';
import { z } from 'zod';
import type { ArticleMeta } from '../article';
import type { SerializedNodeLike } from '../body';
import { ImageRefSchema, type ImageRef } from '../image';
import { IMAGE_FIGURE_TYPE } from '../render/renderArticle';
import { LINK_PROTOCOLS } from '../links';

export const HEADLINE_WARNING_LENGTH = 110;

export const CHECK_FIELDS = [
  'kicker',
  'headline',
  'standfirst',
  'byline',
  'bylineRole',
  'leadImage',
  'body',
] as const;
export type CheckField = (typeof CHECK_FIELDS)[number];

export const FindingSchema = z.object({
  /** Stable kind of the finding, e.g. "image-alt-missing". */
  id: z.string(),
  severity: z.enum(['blocking', 'warning']),
  message: z.string(),
  location: z.object({
    field: z.enum(CHECK_FIELDS),
    /** Index of the top-level body block that holds the problem. */
    nodeIndex: z.number().int().nonnegative().optional(),
    imageHash: z.string().optional(),
  }),
});
export type Finding = z.infer<typeof FindingSchema>;
export type FindingLocation = Finding['location'];

export interface CheckOptions {
  /** Domains whose links are spam; a subdomain of a listed domain matches too. */
  spamDomains: readonly string[];
}

export interface CheckableArticle {
  meta: ArticleMeta;
  /** The Lexical root node of the body. */
  body: SerializedNodeLike;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** "TK" / "TKTK" (to come) as a whole word, upper case only: "TKO" and "tk" are not markers. */
const TK_MARKER = /(?<![\p{L}\p{N}_])(?:TK)+(?![\p{L}\p{N}_])/u;

type MetaTextField = 'kicker' | 'headline' | 'standfirst' | 'byline' | 'bylineRole';
const META_TEXT_FIELDS: ReadonlyArray<readonly [MetaTextField, string]> = [
  ['kicker', 'kicker'],
  ['headline', 'headline'],
  ['standfirst', 'standfirst'],
  ['byline', 'byline'],
  ['bylineRole', 'byline role'],
];

export function runChecks(article: CheckableArticle, options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  const { meta } = article;
  const spamDomains = normaliseDomains(options.spamDomains);

  if (meta.headline.trim() === '') {
    findings.push({
      id: 'headline-missing',
      severity: 'blocking',
      message: 'The article has no headline.',
      location: { field: 'headline' },
    });
  }

  for (const [field, label] of META_TEXT_FIELDS) {
    if (TK_MARKER.test(meta[field])) {
      findings.push({
        id: 'tk-marker',
        severity: 'blocking',
        message: `The ${label} still has a "TK" (to come) marker. Fill in the missing part.`,
        location: { field },
      });
    }
  }

  if (meta.leadImage)
    checkImage(
      meta.leadImage,
      'The lead image',
      { field: 'leadImage', imageHash: meta.leadImage.hash },
      findings,
    );

  const blocks = Array.isArray(article.body.children) ? article.body.children : [];
  let hasContent = false;
  let figureNumber = 0;
  blocks.forEach((block, nodeIndex) => {
    walk(block, (node) => {
      if (typeof node.text === 'string' && node.text.trim() !== '') hasContent = true;
      if (typeof node.text === 'string' && TK_MARKER.test(node.text)) {
        pushOnce(findings, {
          id: 'tk-marker',
          severity: 'blocking',
          message: `Paragraph ${nodeIndex + 1} of the body still has a "TK" (to come) marker. Fill in the missing part.`,
          location: { field: 'body', nodeIndex },
        });
      }
      if (node.type === 'link' || node.type === 'autolink') {
        checkLink(typeof node.url === 'string' ? node.url : '', nodeIndex, spamDomains, findings);
      }
      if (node.type === IMAGE_FIGURE_TYPE) {
        hasContent = true;
        figureNumber += 1;
        const parsed = ImageRefSchema.safeParse(node);
        const hash = typeof node.hash === 'string' ? node.hash : undefined;
        const location: FindingLocation = { field: 'body', nodeIndex, ...(hash ? { imageHash: hash } : {}) };
        if (!parsed.success) {
          findings.push({
            id: 'image-broken',
            severity: 'blocking',
            message: `Image ${figureNumber} in the body is damaged (its reference cannot be read). Remove it and insert it again.`,
            location,
          });
          return;
        }
        checkImage(parsed.data, `Image ${figureNumber} in the body`, location, findings);
      }
    });
  });

  if (!hasContent) {
    findings.push({
      id: 'body-empty',
      severity: 'blocking',
      message: 'The article body is empty.',
      location: { field: 'body' },
    });
  }

  if (meta.standfirst.trim() === '') {
    findings.push({
      id: 'standfirst-missing',
      severity: 'warning',
      message: 'The article has no standfirst.',
      location: { field: 'standfirst' },
    });
  }
  const headlineLength = [...meta.headline.trim()].length;
  if (headlineLength > HEADLINE_WARNING_LENGTH) {
    findings.push({
      id: 'headline-long',
      severity: 'warning',
      message: `The headline has ${headlineLength} characters; more than ${HEADLINE_WARNING_LENGTH} is often cut off in search results and social cards.`,
      location: { field: 'headline' },
    });
  }
  if (!meta.leadImage) {
    findings.push({
      id: 'lead-image-missing',
      severity: 'warning',
      message: 'The article has no lead image.',
      location: { field: 'leadImage' },
    });
  }
  return findings;
}

export function hasBlockingFindings(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'blocking');
}

function checkImage(image: ImageRef, label: string, location: FindingLocation, findings: Finding[]): void {
  if (image.alt.trim() === '') {
    findings.push({
      id: 'image-alt-missing',
      severity: 'blocking',
      message: `${label} has no alt text. Describe the picture for readers who cannot see it.`,
      location,
    });
  }
  if (image.credit.trim() === '') {
    findings.push({
      id: 'image-credit-missing',
      severity: 'blocking',
      message: `${label} has no credit. Name the photographer or agency.`,
      location,
    });
  }
  for (const [text, what] of [
    [image.caption, 'caption'],
    [image.credit, 'credit'],
    [image.alt, 'alt text'],
  ] as const) {
    if (TK_MARKER.test(text)) {
      findings.push({
        id: 'tk-marker',
        severity: 'blocking',
        message: `The ${what} of ${label.charAt(0).toLowerCase()}${label.slice(1)} still has a "TK" (to come) marker.`,
        location,
      });
    }
  }
}

function checkLink(raw: string, nodeIndex: number, spamDomains: string[], findings: Finding[]): void {
  const location: FindingLocation = { field: 'body', nodeIndex };
  const shown = raw.length > 80 ? `${raw.slice(0, 79)}…` : raw;
  let url: URL | null = null;
  try {
    url = new URL(raw.trim());
  } catch {
    url = null;
  }
  if (url === null || !LINK_PROTOCOLS.has(url.protocol) || CONTROL_CHARS.test(raw)) {
    findings.push({
      id: 'link-unsafe',
      severity: 'blocking',
      message: `A link in paragraph ${nodeIndex + 1} goes to "${shown}". Links must start with http://, https:// or mailto:.`,
      location,
    });
    return;
  }
  if (url.protocol === 'mailto:') return;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const spam = spamEntryFor(host, spamDomains);
  if (spam) {
    findings.push({
      id: 'link-spam',
      severity: 'blocking',
      message: `A link in paragraph ${nodeIndex + 1} goes to ${host}, which is on the spam list (${spam}). Remove the link; it may have come in with pasted text.`,
      location,
    });
  }
}

/** The spam list as the check reads it (src-shared/spamList.ts). */
export const normaliseDomains = normaliseSpamList;

function walk(node: SerializedNodeLike, visit: (node: SerializedNodeLike) => void): void {
  visit(node);
  if (Array.isArray(node.children)) {
    for (const child of node.children) {
      if (typeof child === 'object' && child !== null) walk(child, visit);
    }
  }
}

function pushOnce(findings: Finding[], finding: Finding): void {
  const exists = findings.some(
    (f) =>
      f.id === finding.id &&
      f.location.field === finding.location.field &&
      f.location.nodeIndex === finding.location.nodeIndex,
  );
  if (!exists) findings.push(finding);
}
