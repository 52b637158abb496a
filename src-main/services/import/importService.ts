// The import:* channels. The renderer sends each picked or dropped file's
// bytes into a session (import:stage), then asks for each document to be
// imported (import:run). An import parses the whole document first; only
// when that succeeded are its images stored (through the media store, like
// inserted images), and then the draft, its first revision and its report
// are written in one SQLite transaction. Any failure removes the images this
// import added and leaves no draft behind.
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyMeta, LIMITS, type ArticleMeta } from '../../../src-shared/article';
import { blocksToBodyJson, type Block } from '../../../src-shared/import/blocks';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import {
  IMPORT_DOCUMENT_PATTERN,
  importTooLargeMessage,
  MAX_IMPORT_DOCX_BYTES,
  MAX_IMPORT_SESSION_BYTES,
  MAX_IMPORT_TEXT_BYTES,
} from '../../../src-shared/ipc/limits';
import type { ImageRef } from '../../../src-shared/image';
import {
  importLabel,
  ImportReportSchema,
  type ImportReport,
  type LookItem,
} from '../../../src-shared/import/report';
import { normaliseDomains } from '../../../src-shared/checks/prePublishChecks';
import { slugify } from '../../../src-shared/slug';
import type { DraftRepository } from '../drafts/draftRepository';
import type { Store } from '../store/openStore';
import { referencedHashes, sha256Hex, type MediaStore } from '../media/mediaStore';
import { attachCaptions, type PendingFigure } from './htmlToBlocks';
import { baseName, localPathOf, normalisePath } from './paths';
import { placeholderPng } from './placeholderImage';
import { ImportRefusal, type ParsedDocument } from './types';

export type ImportChannel = Extract<keyof Handlers, `import:${string}`>;

export interface ImportServiceOptions {
  /** The open store: its database (one transaction per import) and data folder (import reports). */
  store: Pick<Store, 'db' | 'dataDir'>;
  drafts: DraftRepository;
  media: MediaStore;
  /** Publishing's settings hold the spam list the pre-publish check uses; it is read at each import. */
  publishing: { handlers: Pick<Handlers, 'publish:getSettings'> };
  now(): number;
}

const SESSION_TTL_MS = 10 * 60 * 1000;
const MAX_SESSIONS = 4;
/** Largest image embedded as a data: URL that is decoded. */
const MAX_DATA_URL_CHARS = 60 * 1024 * 1024;

interface Session {
  files: Map<string, Uint8Array>;
  bytes: number;
  touchedAt: number;
}

export function importReportsDir(dataDir: string): string {
  return join(dataDir, 'imports');
}

function reportPath(dataDir: string, draftId: string): string {
  return join(importReportsDir(dataDir), `${draftId}.json`);
}

/** Reads a draft's stored import report; null when there is none (or it is unreadable). */
export function readImportReport(dataDir: string, draftId: string): ImportReport | null {
  let text: string;
  try {
    text = readFileSync(reportPath(dataDir, draftId), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ImportReportSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function decodeDataUrl(src: string): Uint8Array | null {
  if (src.length > MAX_DATA_URL_CHARS) return null;
  const match = /^data:image\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=\s]+)$/i.exec(src.trim());
  if (!match) return null;
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}

export function createImportHandlers(options: ImportServiceOptions): Pick<Handlers, ImportChannel> {
  const { drafts, media, now } = options;
  const { db, dataDir } = options.store;
  const sessions = new Map<string, Session>();

  const expire = (): void => {
    for (const [id, session] of sessions) if (now() - session.touchedAt > SESSION_TTL_MS) sessions.delete(id);
  };

  const findFile = (session: Session, path: string): Uint8Array | null => {
    const exact = session.files.get(path);
    if (exact) return exact;
    // Picked side by side (not as a folder): match by file name when that is unambiguous.
    const name = baseName(path).toLowerCase();
    const matches = [...session.files.keys()].filter((key) => baseName(key).toLowerCase() === name);
    return matches.length === 1 ? session.files.get(matches[0]!)! : null;
  };

  const parse = async (bytes: Uint8Array, path: string): Promise<ParsedDocument> => {
    const name = baseName(path);
    if (bytes.byteLength === 0) throw new ImportRefusal(`“${name}” is empty: there is nothing to import.`);
    const spam = normaliseDomains((await options.publishing.handlers['publish:getSettings']({})).spamDomains);
    if (/\.docx$/i.test(name)) {
      if (bytes.byteLength > MAX_IMPORT_DOCX_BYTES)
        throw new ImportRefusal(importTooLargeMessage(name, bytes.byteLength));
      // The parsers (jsdom, mammoth, readability, markdown-it) load on the first import, not at start-up:
      // jsdom alone takes about half a second to load, which every start would pay before the first screen.
      const { parseDocx } = await import('./docxImporter');
      return parseDocx(bytes, name, spam);
    }
    if (bytes.byteLength > MAX_IMPORT_TEXT_BYTES)
      throw new ImportRefusal(importTooLargeMessage(name, bytes.byteLength));
    if (/\.html?$/i.test(name)) return (await import('./htmlImporter')).parseHtmlPage(bytes, path, spam);
    if (/\.(?:md|markdown)$/i.test(name))
      return (await import('./markdownImporter')).parseMarkdown(bytes, path, spam);
    throw new ImportRefusal(
      `Copydesk imports Word documents (.docx), saved web pages (.html) and Markdown (.md); “${name}” is none of these.`,
    );
  };

  const run = async (
    sessionId: string,
    rawPath: string,
  ): Promise<{ draft: ReturnType<DraftRepository['get']>; report: ImportReport }> => {
    expire();
    const path = normalisePath(rawPath);
    const session = sessions.get(sessionId);
    const bytes = session?.files.get(path);
    if (!session || !bytes) {
      throw new AppFailure(
        'not_found',
        `“${baseName(path)}” did not arrive in full. Choose it again with Import.`,
      );
    }
    session.touchedAt = now();
    const name = baseName(path);
    let parsed: ParsedDocument;
    try {
      parsed = await parse(bytes, path);
    } catch (error) {
      if (error instanceof ImportRefusal) throw new AppFailure('invalid_input', error.message);
      throw error;
    }
    attachCaptions(parsed.blocks);

    // Parsing succeeded: now the images are stored. Remember which are new, to take them back on failure.
    const added: string[] = [];
    const needsLook: LookItem[] = [...parsed.needsLook];
    let figureNumber = 0;
    const store = async (figure: PendingFigure, place: string): Promise<ImageRef> => {
      let imageBytes: Uint8Array | null = parsed.embedded.get(figure.src) ?? decodeDataUrl(figure.src);
      const local = imageBytes ? null : localPathOf(figure.src, path);
      if (!imageBytes && local !== null) imageBytes = findFile(session, local);
      const label = figure.caption !== '' ? ` (“${clip(figure.caption, 60)}”)` : '';
      const fileName =
        local !== null ? baseName(local) : clip(figure.src.replace(/^data:.*/s, 'embedded image'), 80);
      let imported: Awaited<ReturnType<MediaStore['importImage']>> | null = null;
      if (imageBytes) {
        const hash = sha256Hex(imageBytes);
        const existed = existsSync(media.mediaPath(hash));
        try {
          imported = await media.importImage({ bytes: imageBytes, name: fileName });
          if (!existed) added.push(hash);
        } catch (error) {
          if (!(error instanceof AppFailure)) throw error;
          needsLook.push({
            kind: 'refused-image',
            message: `${place}${label}: ${error.message} A grey placeholder holds its place; use Replace on it.`,
          });
        }
      } else {
        needsLook.push({
          kind: 'missing-image',
          message:
            local !== null
              ? `${place}${label}: the image file “${fileName}” was not among the imported files. A grey placeholder holds its place; use Replace on it to choose the file (or import the page together with its “_files” folder).`
              : `${place}${label}: the image is on the web (${clip(figure.src, 80)}) and was not downloaded. A grey placeholder holds its place; use Replace on it to choose the file.`,
        });
      }
      const isPlaceholder = imported === null;
      if (!imported) {
        const placeholder = placeholderPng();
        const hash = sha256Hex(placeholder);
        const existed = existsSync(media.mediaPath(hash));
        imported = await media.importImage({ bytes: placeholder, name: 'missing-image.png' });
        if (!existed) added.push(hash);
      }
      const base = imported.image;
      const image: ImageRef = {
        ...base,
        caption: clip(figure.caption !== '' ? figure.caption : base.caption, 2_000),
        credit: clip(figure.credit !== '' ? figure.credit : base.credit, 2_000),
        // A placeholder keeps its alt text empty, so the pre-publish check blocks it until it is replaced.
        alt: isPlaceholder ? '' : clip(figure.alt ?? '', 2_000),
        fromFile: {
          caption: figure.caption === '' && base.fromFile.caption,
          credit: figure.credit === '' && base.fromFile.credit,
          copyright: base.fromFile.copyright,
        },
      };
      if (isPlaceholder && (figure.alt ?? '') !== '') {
        needsLook.push({
          kind: 'note',
          message: `${place}${label}: its alt text was “${clip(figure.alt ?? '', 200)}”; type it in again once the picture is in place.`,
        });
      }
      if (image.alt === '' && !isPlaceholder)
        needsLook.push({
          kind: 'image-without-alt',
          message: `${place}${label} has no alt text. Describe the picture for readers who cannot see it.`,
        });
      if (image.caption !== '' && image.credit === '')
        needsLook.push({
          kind: 'caption-without-credit',
          message: `${place}${label} has a caption but no credit. Add who took or owns the picture.`,
        });
      return image;
    };

    try {
      const leadImage = parsed.leadImage ? await store(parsed.leadImage, 'The lead image') : null;
      const blocks: Block[] = [];
      for (const block of parsed.blocks) {
        if (block.kind === 'pending-figure') {
          figureNumber += 1;
          blocks.push({ kind: 'figure', image: await store(block, `Figure ${figureNumber}`) });
        } else if (block.kind === 'paragraph') {
          blocks.push({ kind: 'paragraph', inlines: block.inlines });
        } else blocks.push(block);
      }
      const { fields } = parsed;
      const headline = clip(fields.headline, LIMITS.shortField);
      const meta: ArticleMeta = {
        ...emptyMeta(),
        kicker: clip(fields.kicker, LIMITS.shortField),
        headline,
        standfirst: clip(fields.standfirst, LIMITS.standfirst),
        byline: clip(fields.byline, LIMITS.shortField),
        bylineRole: clip(fields.bylineRole, LIMITS.shortField),
        articleType: fields.articleType ?? 'news',
        tags: fields.tags,
        slug: fields.slug !== '' ? slugify(fields.slug, LIMITS.slug) : slugify(headline),
        slugEdited: fields.slug !== '',
        leadImage,
      };
      if (headline === '')
        needsLook.push({ kind: 'note', message: 'No headline was found. Write one before publishing.' });
      const body = blocksToBodyJson(blocks);
      if (body.length > LIMITS.bodyJson) {
        throw new ImportRefusal(`“${name}” is too long for one article. Split it and import the parts.`);
      }
      const counts = {
        paragraphs: blocks.filter((b) => b.kind === 'paragraph').length,
        headings: blocks.filter((b) => b.kind === 'heading').length,
        lists: blocks.filter((b) => b.kind === 'list').length,
        figures: blocks.filter((b) => b.kind === 'figure').length + (leadImage ? 1 : 0),
        links: (body.match(/"type":"link"/g) ?? []).length,
        words: 0,
      };
      const label = importLabel(name);
      const target = reportPath(dataDir, 'pending');
      let written: string | null = null;
      const create = db.transaction(() => {
        const created = drafts.create();
        // The draft's first History version is "Imported from <file>".
        const saved = drafts.save({ id: created.id, meta, body, history: { kind: 'imported', label } });
        const draft = drafts.get(created.id);
        const report: ImportReport = {
          fileName: name,
          kind: parsed.kind,
          draftId: draft.id,
          revision: draft.revision,
          label,
          importedAt: now(),
          notes: parsed.notes,
          dropped: parsed.dropped.list(),
          needsLook,
          counts: { ...counts, words: saved.wordCount },
        };
        // Written inside the transaction: if it fails, the draft is rolled back with it.
        mkdirSync(importReportsDir(dataDir), { recursive: true });
        const final = reportPath(dataDir, draft.id);
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(report), { mode: 0o600 });
        renameSync(temp, final);
        written = final;
        return { draft, report };
      });
      try {
        return create();
      } catch (error) {
        if (written) {
          try {
            unlinkSync(written);
          } catch {
            // Already gone.
          }
        }
        throw error;
      }
    } catch (error) {
      // Nothing half-created: images this import stored and nothing else uses go again.
      const referenced = referencedHashes(db);
      for (const hash of added) {
        if (referenced.has(hash)) continue;
        try {
          unlinkSync(media.mediaPath(hash));
        } catch {
          // Not there.
        }
        try {
          db.prepare('DELETE FROM media WHERE hash = ?').run(hash);
        } catch {
          // No media table in a very old store.
        }
      }
      if (error instanceof ImportRefusal) throw new AppFailure('invalid_input', error.message);
      throw error;
    }
  };

  return {
    'import:stage': ({ session, path, bytes }) => {
      expire();
      let entry = sessions.get(session);
      if (!entry) {
        if (sessions.size >= MAX_SESSIONS) {
          const oldest = [...sessions.entries()].sort((a, b) => a[1].touchedAt - b[1].touchedAt)[0];
          if (oldest) sessions.delete(oldest[0]);
        }
        entry = { files: new Map(), bytes: 0, touchedAt: now() };
        sessions.set(session, entry);
      }
      const key = normalisePath(path);
      const previous = entry.files.get(key)?.byteLength ?? 0;
      if (entry.bytes - previous + bytes.byteLength > MAX_IMPORT_SESSION_BYTES) {
        sessions.delete(session);
        throw new AppFailure(
          'invalid_input',
          `The files chosen for this import add up to more than ${Math.round(MAX_IMPORT_SESSION_BYTES / (1024 * 1024))} MB. Import fewer at a time.`,
        );
      }
      entry.files.set(key, bytes);
      entry.bytes += bytes.byteLength - previous;
      entry.touchedAt = now();
      return { files: entry.files.size };
    },
    'import:run': ({ session, path }) => run(session, path),
    'import:discard': ({ session }) => {
      sessions.delete(session);
      return {};
    },
    'import:report': ({ draftId }) => ({ report: readImportReport(dataDir, draftId) }),
  };
}

/** Whether a picked or dropped file's name is one an import starts from. */
export function isImportDocument(path: string): boolean {
  return IMPORT_DOCUMENT_PATTERN.test(path);
}
