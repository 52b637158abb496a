// One way for the renderer to turn a picked, dropped or pasted file into a
// stored image: read its bytes once (Blob.arrayBuffer reads off the UI
// thread) and send them to images:import. The service decides the type from
// the bytes and answers with a message a person can act on.
import type { ImageRef } from '../../src-shared/image';
import { imageTooLargeMessage, MAX_IMAGE_BYTES } from '../../src-shared/ipc/limits';
import { call } from '../api';

export type ImportOutcome =
  { ok: true; image: ImageRef; notice: string | null } | { ok: false; message: string };

/** Files a drop or paste carries that might be images (type or name says so; the service checks the bytes). */
export function imageFilesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = Array.from(data.files);
  return files.filter(
    (file) => file.type.startsWith('image/') || /\.(jpe?g|png|gif|webp|avif|svg)$/i.test(file.name),
  );
}

export function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

export async function importImageFile(file: File): Promise<ImportOutcome> {
  // Refused before reading: a file this large is never sent across.
  if (file.size > MAX_IMAGE_BYTES) {
    return {
      ok: false,
      message: imageTooLargeMessage(file.name ? `"${file.name}"` : 'This file', file.size),
    };
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return {
      ok: false,
      message: `Copydesk could not read "${file.name || 'the pasted image'}". Try saving it to a file first.`,
    };
  }
  const result = await call('images:import', { bytes, name: file.name });
  if (!result.ok) return { ok: false, message: result.error.message };
  return { ok: true, image: result.value.image, notice: result.value.notice };
}
