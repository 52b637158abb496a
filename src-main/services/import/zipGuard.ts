// A .docx is a zip. Before mammoth unpacks one, this reads the zip's central
// directory itself and refuses archives that would unpack to more than a
// limit (a zip bomb), that have absurdly many entries, or that lie about an
// entry's size: every entry is inflated here with a hard output cap equal to
// the size it declares, so a forged directory cannot get past. It also reads
// single parts (word/document.xml, word/comments.xml) for the import report.
import { inflateRawSync } from 'node:zlib';

export class ZipRefusal extends Error {
  override name = 'ZipRefusal';
  constructor(
    readonly reason: 'not-zip' | 'corrupt' | 'too-large' | 'too-many' | 'encrypted',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  flags: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_ENTRIES = 10_000;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/** Lists a zip's entries from its central directory. Throws ZipRefusal. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!looksLikeZip(bytes)) throw new ZipRefusal('not-zip', 'not a zip archive');
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('corrupt', 'the end of the archive is missing (the file is cut short)');
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new ZipRefusal('too-large', 'it is a ZIP64 archive, far larger than any document');
  }
  if (count > MAX_ENTRIES) throw new ZipRefusal('too-many', `it holds ${count} parts`);
  if (offset + size > eocd) throw new ZipRefusal('corrupt', 'its table of contents is damaged');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipRefusal('corrupt', 'its table of contents is damaged');
    }
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const uncompressedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeaderOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, flags });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw new ZipRefusal('corrupt', `the part ${entry.name} is damaged`);
  }
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw new ZipRefusal('corrupt', `the part ${entry.name} is cut short`);
  return buffer.subarray(start, end);
}

/** Unpacks one entry, never to more than it declares. Throws ZipRefusal. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.flags & 0x1) throw new ZipRefusal('encrypted', 'it is password-protected');
  const data = entryData(buffer, entry);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize)
      throw new ZipRefusal('corrupt', `the part ${entry.name} is damaged`);
    return data;
  }
  if (entry.method !== 8)
    throw new ZipRefusal('corrupt', `the part ${entry.name} uses an unknown compression`);
  let out: Buffer;
  try {
    // One byte more than declared: a part that fills it lied about its size.
    out = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipRefusal('too-large', `the part ${entry.name} unpacks to more than it says`);
    }
    throw new ZipRefusal('corrupt', `the part ${entry.name} is damaged`);
  }
  if (out.length !== entry.uncompressedSize) {
    throw new ZipRefusal(
      out.length > entry.uncompressedSize ? 'too-large' : 'corrupt',
      `the part ${entry.name} does not match its declared size`,
    );
  }
  return out;
}

/**
 * Checks a whole archive before anything else unpacks it: the declared sizes
 * add up to at most `maxUnpacked`, and every entry really unpacks to its
 * declared size. Returns the entries. Throws ZipRefusal.
 */
export function guardZip(bytes: Uint8Array, maxUnpacked: number): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > maxUnpacked) {
      throw new ZipRefusal(
        'too-large',
        `it would unpack to more than ${Math.round(maxUnpacked / (1024 * 1024))} MB`,
      );
    }
  }
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    readZipEntry(bytes, entry);
  }
  return entries;
}
