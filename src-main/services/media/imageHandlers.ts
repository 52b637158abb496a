// The images:* channels, mapped onto the media store. Inputs arrive validated
// by dispatch against src-shared/ipc/imageChannels.ts.
import type { Handlers } from '../../../src-shared/ipc';
import type { MediaStore } from './mediaStore';

export type ImageChannel = Extract<keyof Handlers, `images:${string}`>;

export function createImageHandlers(media: MediaStore): Pick<Handlers, ImageChannel> {
  return {
    'images:import': ({ bytes, name }) => media.importImage({ bytes, name }),
  };
}
