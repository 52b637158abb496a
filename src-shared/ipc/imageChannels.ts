import { z } from 'zod';
import { ImageRefSchema } from '../image';
import { channel } from './define';

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
