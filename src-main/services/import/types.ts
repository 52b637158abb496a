// What every importer hands back: the article's fields, its body as parsed
// blocks (figures still pending), and what the report should say. Nothing in
// here has been stored yet.
import type { ArticleType } from '../../../src-shared/article';
import type { ImportKind, LookItem } from '../../../src-shared/import/report';
import { DropTally } from '../../../src-shared/import/report';
import type { ParsedBlock, PendingFigure } from './htmlToBlocks';

export interface ParsedFields {
  kicker: string;
  headline: string;
  standfirst: string;
  byline: string;
  bylineRole: string;
  articleType: ArticleType | null;
  tags: string[];
  slug: string;
}

export interface ParsedDocument {
  kind: ImportKind;
  fields: ParsedFields;
  blocks: ParsedBlock[];
  leadImage: PendingFigure | null;
  /** Image bytes carried inside the document itself (a .docx's media), by the src its figures use. */
  embedded: Map<string, Uint8Array>;
  notes: string[];
  needsLook: LookItem[];
  dropped: DropTally;
}

export function emptyFields(): ParsedFields {
  return {
    kicker: '',
    headline: '',
    standfirst: '',
    byline: '',
    bylineRole: '',
    articleType: null,
    tags: [],
    slug: '',
  };
}

/** A refusal of the whole file, with the message the editor reads. */
export class ImportRefusal extends Error {
  override name = 'ImportRefusal';
}
