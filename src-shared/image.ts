// How an article refers to an image. The bytes live once, by content hash, in
// the media store of the data folder; documents only ever hold this reference
// (never blobs or data URLs).
import { z } from 'zod';

export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];

export const IMAGE_TEXT_LIMIT = 2_000;

export const ImageRefSchema = z.object({
  /** sha256 of the original bytes, lower-case hex. */
  hash: z.string().regex(/^[a-f0-9]{64}$/),
  mime: z.enum(IMAGE_MIME_TYPES),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  caption: z.string().max(IMAGE_TEXT_LIMIT),
  credit: z.string().max(IMAGE_TEXT_LIMIT),
  alt: z.string().max(IMAGE_TEXT_LIMIT),
  /** Copyright notice read from the file (IPTC/XMP/EXIF); kept, not shown in the figure. */
  copyright: z.string().max(IMAGE_TEXT_LIMIT),
  /** Which fields still hold the value read from the file's own metadata. */
  fromFile: z.object({ caption: z.boolean(), credit: z.boolean(), copyright: z.boolean() }),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

/** Same-origin URL under which both shells serve a stored image's bytes. */
export function mediaUrl(hash: string): string {
  return `/media/${hash}`;
}
