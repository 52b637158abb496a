// The pending preview's decoder, on its own thread. WebCodecs' ImageDecoder is
// asked for a frame near PREVIEW_MAX_EDGE: Chromium then decodes a JPEG at a
// reduced DCT scale (a 6000×4000 photo as 750×500, a fraction of the work of
// a full decode), and applies the EXIF orientation. The frame is drawn
// (and, for formats decoded full size, shrunk) into an OffscreenCanvas, and
// the resulting ImageBitmap is transferred back. createImageBitmap with
// resize options was measured first and is slower than a plain <img>: it
// decodes all 24 MP and then scales them. Anything this path cannot decode
// (SVG, an unknown type, corrupt bytes) answers ok:false and the page falls
// back to a plain <img>.
import type { PreviewReply, PreviewRequest } from './previewMessages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
  postMessage(message: PreviewReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

async function preview({ file, maxEdge }: PreviewRequest): Promise<ImageBitmap> {
  if (typeof ImageDecoder === 'undefined') throw new Error('no ImageDecoder here');
  if (!file.type || !(await ImageDecoder.isTypeSupported(file.type))) {
    throw new Error(`cannot decode "${file.type || 'unknown type'}"`);
  }
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: file.type,
    desiredWidth: maxEdge,
    desiredHeight: maxEdge,
    preferAnimation: false,
  });
  try {
    const { image } = await decoder.decode({ frameIndex: 0 });
    try {
      // displayWidth/Height are after the EXIF rotation, which drawImage applies.
      const scale = Math.min(1, maxEdge / Math.max(image.displayWidth, image.displayHeight));
      const width = Math.max(1, Math.round(image.displayWidth * scale));
      const height = Math.max(1, Math.round(image.displayHeight * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0, width, height);
      return canvas.transferToImageBitmap();
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  preview(request).then(
    (bitmap) => scope.postMessage({ id: request.id, ok: true, bitmap }, [bitmap]),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        reason: error instanceof Error ? error.message : String(error),
      }),
  );
};
