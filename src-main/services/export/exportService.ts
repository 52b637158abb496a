// Preview and export of a stored draft. Every format comes from the same
// article: HTML from the publish renderer (renderArticlePage), Markdown from
// src-shared/export, .docx from docxExport.ts. Files go to
// <documents or data folder>/Copydesk Exports/<slug>/ — <slug>.html,
// <slug>.md, <slug>.docx — with the images in its images/ folder. Each file
// is written to a temporary name and renamed, so a reader never sees half.
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Draft } from '../../../src-shared/article';
import { parseBody, type SerializedNodeLike } from '../../../src-shared/body';
import { articleToMarkdown } from '../../../src-shared/export/lexicalToMarkdown';
import type { ImageRef } from '../../../src-shared/image';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import type { ExportFormat } from '../../../src-shared/ipc/exportChannels';
import { DEFAULT_CREDIT_FORMAT, renderArticlePage } from '../../../src-shared/render/renderArticle';
import { slugify } from '../../../src-shared/slug';
import { bodyImages } from '../publish/snapshot';

export type ExportChannel = 'export:preview' | 'export:location' | 'export:article' | 'export:openFolder';
export type ExportHandlers = Pick<Handlers, ExportChannel>;

export const EXPORTS_FOLDER_NAME = 'Copydesk Exports';
const MARKER_FILE = '.copydesk-export.json';
const EXTENSIONS: Record<ImageRef['mime'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};
const FILE_EXTENSIONS: Record<ExportFormat, string> = { html: 'html', markdown: 'md', docx: 'docx' };

export interface ExportServiceOptions {
  drafts: { get(id: string): Draft };
  /** Stored image bytes by hash; null when the file is missing. */
  readImage(hash: string): Promise<Buffer | null>;
  dataDir: string;
  /** Parent of the export folder (Electron: the Documents folder); default: the data folder. */
  documentsDir?: string;
  openPath?(path: string): Promise<void>;
}

export function imageFileName(image: ImageRef): string {
  return `${image.hash.slice(0, 16)}.${EXTENSIONS[image.mime]}`;
}

export function createExportService(options: ExportServiceOptions): {
  handlers: ExportHandlers;
  root: string;
} {
  const root = join(options.documentsDir ?? options.dataDir, EXPORTS_FOLDER_NAME);

  const load = (draftId: string): { draft: Draft; body: SerializedNodeLike } => {
    const draft = options.drafts.get(draftId);
    try {
      return { draft, body: parseBody(draft.body).editorState.root };
    } catch (error) {
      throw new AppFailure(
        'invalid_input',
        `${error instanceof Error ? error.message : 'The article body cannot be read.'} Nothing was exported.`,
      );
    }
  };

  const imagesOf = (draft: Draft, body: SerializedNodeLike): ImageRef[] => {
    const lead = draft.meta.leadImage;
    return [...(lead ? [lead] : []), ...bodyImages(body).filter((image) => image.hash !== lead?.hash)];
  };

  const folderFor = async (draft: Draft): Promise<string> => {
    const slug = slugify(draft.meta.slug) || slugify(draft.meta.headline) || 'article';
    for (let n = 1; n < 1000; n += 1) {
      const folder = join(root, n === 1 ? slug : `${slug}-${n}`);
      let owner: string | null;
      try {
        const marker = JSON.parse(await readFile(join(folder, MARKER_FILE), 'utf8')) as { draftId?: unknown };
        owner = typeof marker.draftId === 'string' ? marker.draftId : '';
      } catch (error) {
        owner = (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : '';
      }
      if (owner === draft.id) return folder;
      if (owner === null) {
        // A folder without our marker that exists already is someone else's: move on.
        const exists = await access(folder).then(
          () => true,
          () => false,
        );
        if (exists) continue;
        await mkdir(folder, { recursive: true });
        await writeFile(join(folder, MARKER_FILE), JSON.stringify({ draftId: draft.id }), 'utf8');
        return folder;
      }
    }
    throw new AppFailure('conflict', `Too many exports are called "${slug}" in ${root}. Change the slug.`);
  };

  const writeAtomic = async (path: string, data: string | Uint8Array): Promise<void> => {
    const temp = `${path}.${randomBytes(4).toString('hex')}.writing`;
    try {
      await writeFile(temp, data);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  };

  const exported = new Set<string>();

  const exportArticle = async (draftId: string, format: ExportFormat) => {
    const { draft, body } = load(draftId);
    const article = { meta: draft.meta, body };
    await mkdir(root, { recursive: true });
    const folder = await folderFor(draft);
    const base = slugify(draft.meta.slug) || slugify(draft.meta.headline) || 'article';
    const file = join(folder, `${base}.${FILE_EXTENSIONS[format]}`);
    const images = imagesOf(draft, body);
    const missing: string[] = [];
    const bytesOf = async (image: ImageRef): Promise<Buffer | null> => {
      const bytes = await options.readImage(image.hash);
      if (!bytes) missing.push(image.caption.trim() || image.alt.trim() || image.hash.slice(0, 12));
      return bytes;
    };
    let written = 0;
    if (format === 'docx') {
      // The docx package loads on the first .docx export, not at start-up.
      const { articleToDocx } = await import('./docxExport');
      await writeAtomic(file, await articleToDocx(article, { readImage: bytesOf }));
    } else {
      await mkdir(join(folder, 'images'), { recursive: true });
      for (const image of images) {
        const bytes = await bytesOf(image);
        if (bytes) {
          await writeAtomic(join(folder, 'images', imageFileName(image)), bytes);
          written += 1;
        }
      }
      const imageSrc = (image: ImageRef) => `images/${imageFileName(image)}`;
      const text =
        format === 'html'
          ? renderArticlePage(article, { creditFormat: DEFAULT_CREDIT_FORMAT, imageSrc })
          : articleToMarkdown(article, { imageSrc });
      await writeAtomic(file, text);
    }
    if (missing.length > 0) {
      throw new AppFailure(
        'not_found',
        `Exported to ${file}, but ${missing.length === 1 ? 'an image is' : `${missing.length} images are`} missing from Copydesk's media folder (${missing.slice(0, 3).join(', ')}). Insert ${missing.length === 1 ? 'it' : 'them'} again and export once more.`,
      );
    }
    exported.add(resolve(folder));
    return { file, folder, images: format === 'docx' ? images.length : written };
  };

  const handlers: ExportHandlers = {
    'export:preview': async ({ draftId }) => {
      const { draft, body } = load(draftId);
      const sources = new Map<string, string>();
      for (const image of imagesOf(draft, body)) {
        const bytes = await options.readImage(image.hash);
        if (bytes) sources.set(image.hash, `data:${image.mime};base64,${bytes.toString('base64')}`);
      }
      const html = renderArticlePage(
        { meta: draft.meta, body },
        { creditFormat: DEFAULT_CREDIT_FORMAT, imageSrc: (image) => sources.get(image.hash) ?? '' },
      );
      return { html };
    },
    'export:location': () => ({ folder: root }),
    'export:article': async ({ draftId, format }) => {
      try {
        return await exportArticle(draftId, format);
      } catch (error) {
        throw asExportFailure(error, root);
      }
    },
    'export:openFolder': async ({ folder }) => {
      const target = resolve(folder);
      const inside = relative(root, target);
      if (!exported.has(target) || inside.startsWith('..') || isAbsolute(inside)) {
        throw new AppFailure('forbidden', 'Copydesk only opens folders it exported into.');
      }
      if (!options.openPath) throw new AppFailure('unsupported', `Open ${target} in your file manager.`);
      await options.openPath(target);
      return {};
    },
  };
  return { handlers, root };
}

function asExportFailure(error: unknown, root: string): unknown {
  if (error instanceof AppFailure) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new AppFailure(
      'storage_readonly',
      `Copydesk may not write to ${root}. Check the folder's permissions.`,
    );
  if (code === 'ENOSPC')
    return new AppFailure(
      'storage_full',
      `The disk holding ${root} is full. Free some space and export again.`,
    );
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new AppFailure(
      'conflict',
      `Something in the way of ${root} is not a folder. Move it aside and export again.`,
    );
  return error;
}
