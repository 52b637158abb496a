// Asks the preview worker (previewWorker.ts) for a small ImageBitmap of a
// picked, dropped or pasted file. Resolves null whenever that path cannot
// help (no worker, a type it cannot decode, corrupt bytes, the worker
// failed): the caller then shows the file itself in a plain <img>.
import { PREVIEW_MAX_EDGE, type PreviewReply, type PreviewRequest } from './previewMessages';

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const waiting = new Map<number, (bitmap: ImageBitmap | null) => void>();

function settleAll(): void {
  for (const resolve of waiting.values()) resolve(null);
  waiting.clear();
}

function previewWorker(): Worker | null {
  if (broken) return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./previewWorker.ts', import.meta.url), {
      type: 'module',
      name: 'Copydesk image preview',
    });
  } catch {
    broken = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<PreviewReply>) => {
    const reply = event.data;
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    const bitmap = reply.ok ? reply.bitmap : null;
    if (resolve) resolve(bitmap);
    else bitmap?.close();
  };
  // A worker that cannot load (or crashed) is not tried again; every waiting preview falls back.
  worker.onerror = () => {
    broken = true;
    worker?.terminate();
    worker = null;
    settleAll();
  };
  return worker;
}

/** Starts the worker ahead of the first file, so a drop does not wait for it to load. */
export function warmPreviewWorker(): void {
  previewWorker();
}

/** A preview no larger than PREVIEW_MAX_EDGE on its long side, upright, or null to fall back. */
export function downscaledPreview(file: Blob): Promise<ImageBitmap | null> {
  const target = previewWorker();
  if (!target) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const request: PreviewRequest = { id, file, maxEdge: PREVIEW_MAX_EDGE };
    target.postMessage(request);
  });
}
