// The default target that needs no server: <folder>/<slug>/index.html (a
// self-contained page) with the article's images next to it. Each publish
// writes a complete new folder beside the old one and swaps it in with
// renames, so a reader never sees half an article.
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { PublishError } from '../publishError';
import { publishSlug } from '../snapshot';
import type { PublishAdapter, PublishImage } from '../types';

export const LocalFolderConfigSchema = z.object({
  folder: z
    .string()
    .trim()
    .min(1, 'Choose the folder to publish into.')
    .max(1000)
    .refine((value) => isAbsolute(value), 'The folder must be a full path, such as /home/you/Published.'),
});
export type LocalFolderConfig = z.infer<typeof LocalFolderConfigSchema>;

/** Marks a folder as one article's output, so another draft with the same slug gets its own folder. */
const MARKER_FILE = '.copydesk.json';

export function createLocalFolderAdapter(): PublishAdapter<LocalFolderConfig> {
  return {
    kind: 'local-folder',
    configSchema: LocalFolderConfigSchema,
    needsSecret: false,
    async testConnection(config) {
      await ensureWritable(config.folder);
      return `Copydesk can write to ${config.folder}.`;
    },
    async publish(snapshot, config, _secret, ctx) {
      await ensureWritable(config.folder);
      const images = [snapshot.leadImage, ...snapshot.images].filter(
        (image): image is PublishImage => image !== null,
      );
      const total = images.length + 1;
      const dirName =
        ctx.previous?.remoteId ??
        (await freeDirName(config.folder, publishSlug(snapshot.meta), snapshot.draftId));
      const finalDir = join(config.folder, dirName);
      const tempDir = join(config.folder, `.${dirName}.writing-${randomBytes(4).toString('hex')}`);
      try {
        await mkdir(tempDir, { recursive: true });
        for (const [index, image] of images.entries()) {
          ctx.reportStep({
            label: `Writing image ${index + 1} of ${images.length}`,
            index: index + 1,
            total,
          });
          await writeFile(join(tempDir, image.filename), await image.readBytes());
        }
        ctx.reportStep({ label: 'Writing the article', index: total, total });
        const byHash = new Map(images.map((image) => [image.hash, image.filename]));
        const page = snapshot.renderPage((image) => encodeURIComponent(byHash.get(image.hash) ?? image.hash));
        await writeFile(join(tempDir, 'index.html'), page, 'utf8');
        await writeFile(
          join(tempDir, MARKER_FILE),
          JSON.stringify({ draftId: snapshot.draftId, revision: snapshot.revision, jobId: snapshot.jobId }),
          'utf8',
        );
        await swapIn(tempDir, finalDir);
      } catch (error) {
        await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
        throw asPublishError(error, config.folder);
      }
      const url = pathToFileURL(join(finalDir, 'index.html')).href;
      ctx.recordProgress({ ...ctx.progress, post: { remoteId: dirName, url } });
      return { remoteId: dirName, url };
    },
  };
}

async function ensureWritable(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
    const probe = join(folder, `.copydesk-write-test-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw asPublishError(error, folder);
  }
}

/** `<slug>`, or `<slug>-2`, `-3`… when that folder holds another draft's article. */
async function freeDirName(folder: string, slug: string, draftId: string): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const name = n === 1 ? slug : `${slug}-${n}`;
    const owner = await readOwner(join(folder, name));
    if (owner === null || owner === draftId) return name;
  }
  throw new PublishError(
    'permanent',
    `Too many published articles are called "${slug}" in ${folder}. Change the slug.`,
  );
}

/** The draft id that owns a folder; null when the folder does not exist. */
async function readOwner(dir: string): Promise<string | null> {
  try {
    await access(dir);
  } catch {
    return null;
  }
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER_FILE), 'utf8')) as { draftId?: unknown };
    return typeof marker.draftId === 'string' ? marker.draftId : '';
  } catch {
    // A folder Copydesk did not write: never overwrite it.
    return '';
  }
}

async function swapIn(tempDir: string, finalDir: string): Promise<void> {
  const oldDir = `${tempDir}.old`;
  let hadOld = false;
  try {
    await rename(finalDir, oldDir);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(tempDir, finalDir);
  } catch (error) {
    if (hadOld) await rename(oldDir, finalDir).catch(() => undefined);
    throw error;
  }
  if (hadOld) await rm(oldDir, { recursive: true, force: true });
}

function asPublishError(error: unknown, folder: string): PublishError {
  if (error instanceof PublishError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new PublishError(
      'permanent',
      `Copydesk may not write to ${folder}. Choose another folder in "Publish targets" or change its permissions.`,
    );
  }
  if (code === 'ENOSPC') {
    return new PublishError(
      'retryable',
      `The disk holding ${folder} is full. Free some space; Copydesk will try again.`,
    );
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new PublishError('permanent', `${folder} is not a folder. Choose a folder in "Publish targets".`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PublishError('retryable', `Writing to ${folder} failed (${detail}); Copydesk will try again.`);
}
