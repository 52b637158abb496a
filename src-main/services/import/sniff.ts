// What a file really is, from its first bytes, so that a file whose name lies
// ("report.docx" that is a PDF) gets a message naming what it is.

export function describeBytes(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512));
  const starts = (...values: number[]): boolean => values.every((value, index) => head[index] === value);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old-style Word (.doc) or other Office 97–2003 file';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'a Rich Text (.rtf) file';
  if (starts(0x1f, 0x8b)) return 'a gzip archive';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (
    text.startsWith('<!doctype html') ||
    text.startsWith('<html') ||
    /<(head|body|p|div)[\s>]/.test(text.slice(0, 200))
  )
    return 'a web page (HTML)';
  if (isProbablyText(bytes)) return 'plain text';
  return null;
}

/** No NUL bytes and mostly printable in the first 8 KB. */
export function isProbablyText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.byteLength, 8192));
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control <= sample.byteLength / 100;
}

/** Decodes text bytes: a BOM wins, then a declared charset (HTML), then UTF-8. */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (declared) {
    try {
      return new TextDecoder(declared.trim().toLowerCase()).decode(bytes);
    } catch {
      // An unknown label: fall back to UTF-8.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
