import { z } from 'zod';
import { ImageRefSchema } from '../image';
import { channel } from './define';

/** Largest image file accepted. A 24-megapixel camera JPEG is about 10 MB. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** The refusal for a file over MAX_IMAGE_BYTES; `who` is the quoted file name or "This file". */
export function imageTooLargeMessage(who: string, bytes: number): string {
  return (
    `${who} is ${megabytes(bytes)} MB; Copydesk accepts images up to ${megabytes(MAX_IMAGE_BYTES)} MB. ` +
    'Save a smaller version (a 24-megapixel JPEG is usually about 10 MB) and insert that.'
  );
}

export const imageChannels = {
  /**
   * Stores an image's bytes by content hash and returns its reference, with
   * caption, credit and copyright read from the file's own metadata and alt
   * text empty. The type is detected from the bytes; `name` is only quoted in
   * messages (and compared with the detected type). Size and type limits are
   * checked by the service so that refusals read well.
   */
  'images:import': channel(
    z
      .object({
        bytes: z.instanceof(Uint8Array),
        name: z.string().max(1_000),
      })
      .strict(),
    z.object({
      image: ImageRefSchema,
      /** Something to tell the editor that did not stop the import, e.g. "This file is named .png but is a JPEG — imported as JPEG." */
      notice: z.string().nullable(),
    }),
  ),
};
