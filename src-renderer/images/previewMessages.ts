// What the renderer and its preview worker (previewWorker.ts) say to each other.

/** The preview is never larger than this on its long side (the pending thumbnail is 96×64 CSS px). */
export const PREVIEW_MAX_EDGE = 512;

export interface PreviewRequest {
  id: number;
  file: Blob;
  maxEdge: number;
}

export type PreviewReply =
  { id: number; ok: true; bitmap: ImageBitmap } | { id: number; ok: false; reason: string };
