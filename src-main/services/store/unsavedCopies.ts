// When the store refuses writes (disk full, read-only data folder), the
// editor can still keep the article: it is written as a self-contained HTML
// file to "Copydesk unsaved" in the Documents (or home) folder, outside the
// data folder that is failing. The file carries the article's exact state
// (meta and body JSON) in an inert <script type="application/json"> too.
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArticleMeta } from '../../../src-shared/article';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import {
  DEFAULT_CREDIT_FORMAT,
  escapeHtml,
  renderArticlePage,
} from '../../../src-shared/render/renderArticle';
import { slugify } from '../../../src-shared/slug';
import { mediaPathIn } from '../media/mediaStore';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './durableFiles';

export const UNSAVED_FOLDER = 'Copydesk unsaved';

export interface UnsavedCopyOptions {
  dataDir: string;
  /** Parent of the "Copydesk unsaved" folder (the Documents or home folder). */
  parentDir: string;
  now: () => number;
}

function stamp(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function pageFor(meta: ArticleMeta, body: string, dataDir: string): string {
  let page: string;
  try {
    page = renderArticlePage(
      { meta, body },
      {
        creditFormat: DEFAULT_CREDIT_FORMAT,
        imageSrc: (image) => pathToFileURL(mediaPathIn(dataDir, image.hash)).href,
      },
    );
  } catch {
    // A body the renderer cannot read is still kept, as text.
    page = `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(meta.headline)}</title>\n</head>\n<body>\n<pre>${escapeHtml(body)}</pre>\n</body>\n</html>\n`;
  }
  const state = JSON.stringify({ format: 'copydesk.unsaved.v1', meta, body }).replace(/</g, '\\u003c');
  return page.replace(
    '</body>',
    `<script type="application/json" id="copydesk-draft">${state}</script>\n</body>`,
  );
}

/** Writes a new file (never overwriting one) and returns its path. */
export function saveUnsavedCopy(
  options: UnsavedCopyOptions,
  meta: ArticleMeta,
  body: string,
): { path: string } {
  const folder = join(options.parentDir, UNSAVED_FOLDER);
  const base = `${stamp(options.now())} ${slugify(meta.headline, 60) || 'untitled'}`;
  const text = pageFor(meta, body, options.dataDir);
  try {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    for (let attempt = 1; ; attempt += 1) {
      const path = join(folder, attempt === 1 ? `${base}.html` : `${base} (${attempt}).html`);
      let fd: number;
      try {
        fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
        throw error;
      }
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return { path };
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppFailure(
      'storage_full',
      `Copydesk could not write the article to ${folder} either (${detail}). Your text is still on screen: copy it somewhere safe before quitting.`,
    );
  }
}

export function createStorageHandlers(
  options: UnsavedCopyOptions,
): Pick<Handlers, 'storage:saveUnsavedCopy'> {
  return {
    'storage:saveUnsavedCopy': ({ meta, body }) => saveUnsavedCopy(options, meta, body),
  };
}
