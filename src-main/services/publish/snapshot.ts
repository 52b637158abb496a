// The frozen article a publish job sends: what is stored in publish_jobs
// (snapshot_json) and how it is turned back into a PublishSnapshot with
// rendered HTML and image bytes on demand.
import { z } from 'zod';
import { ArticleMetaSchema, type ArticleMeta } from '../../../src-shared/article';
import { parseBody, type SerializedNodeLike } from '../../../src-shared/body';
import { ImageRefSchema, type ImageRef } from '../../../src-shared/image';
import {
  DEFAULT_CREDIT_FORMAT,
  IMAGE_FIGURE_TYPE,
  renderArticleHtml,
  renderArticlePage,
} from '../../../src-shared/render/renderArticle';
import { slugify } from '../../../src-shared/slug';
import { PublishError } from './publishError';
import { type PublishImage, type PublishSnapshot } from './types';

export const StoredSnapshotSchema = z.object({
  draftId: z.string(),
  revision: z.number().int(),
  meta: ArticleMetaSchema,
  bodyJson: z.string(),
  scheduledAt: z.number().nullable(),
  creditFormat: z.string(),
});
export type StoredSnapshot = z.infer<typeof StoredSnapshotSchema>;

const EXTENSIONS: Record<ImageRef['mime'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

/** The slug an article is published under: the draft's slug, else one from the headline, else "article". */
export function publishSlug(meta: ArticleMeta): string {
  return slugify(meta.slug) || slugify(meta.headline) || 'article';
}

/** Body figures in document order, each image once (a figure repeated in the body is sent once). */
export function bodyImages(root: SerializedNodeLike): ImageRef[] {
  const seen = new Set<string>();
  const images: ImageRef[] = [];
  const walk = (node: SerializedNodeLike): void => {
    if (node.type === IMAGE_FIGURE_TYPE) {
      const parsed = ImageRefSchema.safeParse(node);
      if (parsed.success && !seen.has(parsed.data.hash)) {
        seen.add(parsed.data.hash);
        images.push(parsed.data);
      }
      return;
    }
    if (Array.isArray(node.children)) node.children.forEach(walk);
  };
  walk(root);
  return images;
}

export interface SnapshotDependencies {
  /** The stored bytes of an image by content hash (media store). */
  readImage(hash: string): Promise<Buffer>;
}

/** Rebuilds the adapter-facing snapshot of a job. Throws a permanent PublishError when the body cannot be read. */
export function loadSnapshot(
  jobId: string,
  stored: StoredSnapshot,
  deps: SnapshotDependencies,
): PublishSnapshot {
  let root: SerializedNodeLike;
  try {
    root = parseBody(stored.bodyJson).editorState.root;
  } catch (error) {
    throw new PublishError(
      'permanent',
      error instanceof Error ? error.message : 'The article body cannot be read.',
    );
  }
  const slug = publishSlug(stored.meta);
  let counter = 0;
  const toPublishImage = (image: ImageRef): PublishImage => {
    counter += 1;
    const filename = `${slug}-${counter}-${image.hash.slice(0, 8)}.${EXTENSIONS[image.mime]}`;
    return {
      ...image,
      filename,
      readBytes: async () => {
        try {
          return await deps.readImage(image.hash);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new PublishError(
            'permanent',
            `The image "${image.caption.trim() || image.alt.trim() || filename}" is missing from Copydesk's media folder (${detail}). Insert the image again, then publish.`,
          );
        }
      },
    };
  };
  const leadImage = stored.meta.leadImage ? toPublishImage(stored.meta.leadImage) : null;
  const images = bodyImages(root)
    .filter((image) => image.hash !== leadImage?.hash)
    .map(toPublishImage);
  const filenames = new Map(
    [leadImage, ...images].flatMap((image) => (image ? [[image.hash, image.filename] as const] : [])),
  );
  const article = { meta: stored.meta, body: root };
  const creditFormat = stored.creditFormat || DEFAULT_CREDIT_FORMAT;
  const renderHtml = (imageSrc: (image: ImageRef) => string): string =>
    renderArticleHtml(article, { creditFormat, imageSrc });
  return {
    jobId,
    draftId: stored.draftId,
    revision: stored.revision,
    meta: stored.meta,
    bodyJson: stored.bodyJson,
    html: renderHtml((image) => filenames.get(image.hash) ?? image.hash),
    renderHtml,
    renderPage: (imageSrc) => renderArticlePage(article, { creditFormat, imageSrc }),
    images,
    leadImage,
    scheduledAt: stored.scheduledAt,
  };
}
