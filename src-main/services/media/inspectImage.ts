// Decides whether bytes are an image Copydesk accepts, from the bytes alone
// (never the file name), and reads its displayed size without decoding
// pixels. Every refusal is an AppFailure whose message says what is wrong
// and what to do; nothing here writes anything.
import { imageSize } from 'image-size';
import { AppFailure, imageTooLargeMessage, MAX_IMAGE_BYTES } from '../../../src-shared/ipc';
import type { ImageMime } from '../../../src-shared/image';

export { MAX_IMAGE_BYTES } from '../../../src-shared/ipc/limits';
/** Largest image accepted; larger ones can exhaust memory when decoded (decompression bombs). */
export const MAX_IMAGE_PIXELS = 100_000_000;
export const MAX_IMAGE_SIDE = 30_000;

export const MIME_LABELS: Record<ImageMime, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/avif': 'AVIF',
};

const EXTENSION_MIME: Record<string, ImageMime> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export const ACCEPTED_FORMATS_TEXT = 'JPEG, PNG, WebP, GIF and AVIF';

export type DetectedType =
  | { kind: 'image'; mime: ImageMime }
  | { kind: 'svg' }
  | { kind: 'unsupported'; label: string }
  | { kind: 'unknown' };

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** ISO-BMFF major and compatible brands from the leading `ftyp` box. */
function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return [];
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(Math.max(size, 16), bytes.length, 256);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/** The file's type from its first bytes. */
export function detectImageType(bytes: Uint8Array): DetectedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mime: 'image/png' };
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return { kind: 'image', mime: 'image/gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'image', mime: 'image/webp' };
  const brands = ftypBrands(bytes);
  if (brands.length > 0) {
    const major = brands[0];
    if (major === 'avif' || major === 'avis') return { kind: 'image', mime: 'image/avif' };
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(major ?? '') || brands.includes('heic')) {
      return { kind: 'unsupported', label: 'HEIC' };
    }
    if (brands.includes('avif') || brands.includes('avis')) return { kind: 'image', mime: 'image/avif' };
    if (brands.includes('mif1') || brands.includes('msf1')) return { kind: 'unsupported', label: 'HEIF' };
    return { kind: 'unsupported', label: 'video or MP4' };
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'unsupported', label: 'TIFF' };
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 26) return { kind: 'unsupported', label: 'BMP' };
  if (ascii(bytes, 0, 4) === '8BPS') return { kind: 'unsupported', label: 'Photoshop (PSD)' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'unsupported', label: 'PDF' };
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length > 6)
    return { kind: 'unsupported', label: 'icon (ICO)' };
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'unsupported', label: 'JPEG XL' };
  }
  if (looksLikeSvg(bytes)) return { kind: 'svg' };
  return { kind: 'unknown' };
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  let head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return false; // gzip: may be .svgz, refused as unknown
  const trimmed = head.trimStart().toLowerCase();
  if (!trimmed.startsWith('<')) return false;
  return /<svg[\s>]/.test(trimmed) || trimmed.startsWith('<?xml') || trimmed.startsWith('<!doctype svg');
}

/** The type a file name claims (by extension), or null. */
export function mimeFromName(name: string): ImageMime | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(name.trim());
  return match ? (EXTENSION_MIME[match[1]!.toLowerCase()] ?? null) : null;
}

/** A file name made safe to quote in a message. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const base = cleaned.split(/[\\/]/).pop() ?? '';
  if (base === '') return 'This file';
  return `"${base.length > 80 ? `${base.slice(0, 77)}…` : base}"`;
}

export interface InspectedImage {
  mime: ImageMime;
  /** Displayed size: EXIF orientation 5–8 (rotated a quarter turn) swaps width and height. */
  width: number;
  height: number;
  /** Something the editor should know that did not stop the import (e.g. a misleading file name). */
  notice: string | null;
}

/** Checks bytes and returns type and size; throws AppFailure with a message for the person otherwise. */
export function inspectImage(bytes: Uint8Array, name: string): InspectedImage {
  const who = displayName(name);
  if (bytes.byteLength === 0) {
    throw new AppFailure(
      'invalid_input',
      `${who} is empty (0 bytes), so there is no image in it. Check the original file, or save or download it again.`,
    );
  }
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new AppFailure('invalid_input', imageTooLargeMessage(who, bytes.byteLength));
  }
  const detected = detectImageType(bytes);
  const claimed = mimeFromName(name);
  if (detected.kind === 'svg') {
    throw new AppFailure(
      'unsupported',
      'SVG images can carry scripts, so Copydesk does not accept them. Export the graphic as PNG.',
    );
  }
  if (detected.kind === 'unsupported') {
    throw new AppFailure(
      'unsupported',
      `${who} is a ${detected.label} file, which Copydesk does not accept. Copydesk takes ${ACCEPTED_FORMATS_TEXT}: ` +
        'export or save it as JPEG (photos) or PNG (graphics) and insert that.',
    );
  }
  if (detected.kind === 'unknown') {
    throw new AppFailure(
      'unsupported',
      claimed
        ? `${who} is named like a ${MIME_LABELS[claimed]} image, but its contents are not an image Copydesk can read: ` +
            'it is damaged or not an image at all. Open the original in an image editor and save it again.'
        : `${who} is not an image Copydesk can read. Copydesk accepts ${ACCEPTED_FORMATS_TEXT} files.`,
    );
  }
  const { mime } = detected;
  const label = MIME_LABELS[mime];
  const damaged = (detail: string): AppFailure =>
    new AppFailure(
      'invalid_input',
      `${who} is a damaged ${label} file (${detail}). Open it in an image editor and save it again, or use the original file.`,
    );

  let size: { width: number; height: number; orientation?: number };
  try {
    size = imageSize(bytes);
  } catch (error) {
    if (mime === 'image/jpeg' && !hasJpegFrameHeader(bytes)) throw truncated(who, label);
    throw damaged(error instanceof Error ? error.message.replace(/\.$/, '') : 'its header cannot be read');
  }
  if (
    !Number.isInteger(size.width) ||
    !Number.isInteger(size.height) ||
    size.width <= 0 ||
    size.height <= 0
  ) {
    throw damaged('its header gives no width or height');
  }
  checkDimensions(who, size.width, size.height);
  const completeness = checkComplete(bytes, mime);
  if (completeness === 'truncated') throw truncated(who, label);
  if (completeness !== 'ok') throw damaged(completeness);

  const quarterTurn = mime === 'image/jpeg' && size.orientation !== undefined && size.orientation >= 5;
  const notice =
    claimed && claimed !== mime
      ? `This file is named .${/\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase()} but is a ${label} — imported as ${label}.`
      : null;
  return {
    mime,
    width: quarterTurn ? size.height : size.width,
    height: quarterTurn ? size.width : size.height,
    notice,
  };
}

function truncated(who: string, label: string): AppFailure {
  return new AppFailure(
    'invalid_input',
    `${who} is an incomplete ${label}: the file ends before the image does (it was probably cut off while ` +
      'downloading or copying). Download or copy it again.',
  );
}

function checkDimensions(who: string, width: number, height: number): void {
  const pixels = width * height;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || pixels > MAX_IMAGE_PIXELS) {
    throw new AppFailure(
      'invalid_input',
      `${who} claims to be ${width.toLocaleString('en-GB')} × ${height.toLocaleString('en-GB')} pixels ` +
        `(${Math.round(pixels / 1_000_000).toLocaleString('en-GB')} megapixels). Copydesk accepts images up to ` +
        `${MAX_IMAGE_SIDE.toLocaleString('en-GB')} pixels on a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels, ` +
        'because larger ones can exhaust memory when opened (a "decompression bomb"). Resize it and insert it again.',
    );
  }
}

/** 'ok', 'truncated', or a description of the damage. Reads structure only, never pixels. */
function checkComplete(bytes: Uint8Array, mime: ImageMime): string {
  switch (mime) {
    case 'image/jpeg':
      return checkJpeg(bytes);
    case 'image/png':
      return checkPng(bytes);
    case 'image/gif':
      return checkGif(bytes);
    case 'image/webp':
      return checkRiff(bytes);
    case 'image/avif':
      return checkIsoBmff(bytes);
  }
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks the marker segments up to the first scan; returns where the scan data starts, or a problem. */
function walkJpegHeader(bytes: Uint8Array): { scanStart: number; sawFrame: boolean } | 'truncated' | string {
  let offset = 2;
  let sawFrame = false;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return `unexpected byte at offset ${offset} where a marker should be`;
    let marker = bytes[offset + 1];
    // Fill bytes: any number of 0xFF may precede a marker.
    while (marker === 0xff && offset + 2 < bytes.length) {
      offset += 1;
      marker = bytes[offset + 1];
    }
    if (marker === undefined) return 'truncated';
    if (marker === 0xd9) return 'image data missing before the end marker';
    if (marker >= 0xd0 && marker <= 0xd7) {
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) return 'truncated';
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (length < 2) return `a header segment has an impossible length at offset ${offset}`;
    if (SOF_MARKERS.has(marker)) sawFrame = true;
    const next = offset + 2 + length;
    if (next > bytes.length) return 'truncated';
    if (marker === 0xda) return { scanStart: next, sawFrame };
    offset = next;
  }
  return 'truncated';
}

function hasJpegFrameHeader(bytes: Uint8Array): boolean {
  const walked = walkJpegHeader(bytes);
  return typeof walked === 'object' && walked.sawFrame;
}

function checkJpeg(bytes: Uint8Array): string {
  const walked = walkJpegHeader(bytes);
  if (typeof walked === 'string') return walked;
  if (!walked.sawFrame) return 'it has no frame header';
  // Entropy-coded data escapes every 0xFF, so FF D9 after the first scan can only be the end-of-image marker.
  for (let i = bytes.length - 2; i >= walked.scanStart; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return 'ok';
  }
  return 'truncated';
}

function checkPng(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let sawData = false;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, offset + 8);
    const next = offset + 12 + length;
    if (next > bytes.length) return 'truncated';
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData ? 'ok' : 'it has no image data';
    offset = next;
  }
  return 'truncated';
}

function checkGif(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes[end - 1] === 0x3b ? 'ok' : 'truncated';
}

function checkRiff(bytes: Uint8Array): string {
  if (bytes.length < 12) return 'truncated';
  const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true) + 8;
  return bytes.length >= declared ? 'ok' : 'truncated';
}

function checkIsoBmff(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let sawData = false;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) return 'truncated';
    let size = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, offset + 8);
    if (size === 1) {
      if (offset + 16 > bytes.length) return 'truncated';
      size = Number(view.getBigUint64(offset + 8));
    } else if (size === 0) {
      size = bytes.length - offset;
    }
    if (size < 8) return `a box has an impossible size at offset ${offset}`;
    if (offset + size > bytes.length) return 'truncated';
    if (type === 'mdat') sawData = true;
    offset += size;
  }
  return sawData ? 'ok' : 'it has no image data';
}
