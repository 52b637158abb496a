// The one place that maps `/media/<sha256>` to a file in the data folder.
// Images are stored once by content hash (the media service writes them to
// <dataDir>/media/<first two hex digits>/<hash>); this lookup only reads.
import { open } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface MediaFile {
  body: Buffer;
  contentType: string;
}

/** Reads a stored image by its hash; null when the hash is malformed or no such file exists. */
export async function readMediaFile(dataDir: string, hash: string): Promise<MediaFile | null> {
  if (!SHA256_HEX.test(hash)) return null;
  const path = join(dataDir, 'media', hash.slice(0, 2), hash);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return null;
    const body = await handle.readFile();
    return { body, contentType: sniffImageType(body) };
  } finally {
    await handle.close();
  }
}

/** Content type from the first bytes; stored files carry no extension. */
export function sniffImageType(bytes: Uint8Array): string {
  const startsWith = (...signature: number[]): boolean =>
    signature.every((byte, index) => bytes[index] === byte);
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (startsWith(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42) {
    return 'image/webp';
  }
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
  }
  // Never image/svg+xml or text/html: an unknown file must not become a document.
  return 'application/octet-stream';
}
