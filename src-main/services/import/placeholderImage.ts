// The stand-in for an image a document names but the import did not get (a
// web page saved without its `_files` folder, a picture on the web): a grey
// PNG crossed out, stored like any image, so the figure keeps its place,
// caption and credit until the editor uses Replace on it. Its alt text stays
// empty, so the pre-publish check blocks publishing until someone looks.
import { deflateSync } from 'node:zlib';

export const PLACEHOLDER_WIDTH = 1200;
export const PLACEHOLDER_HEIGHT = 675;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

let cached: Uint8Array | null = null;

export function placeholderPng(): Uint8Array {
  if (cached) return cached;
  const w = PLACEHOLDER_WIDTH;
  const h = PLACEHOLDER_HEIGHT;
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    rows[row] = 0;
    for (let x = 0; x < w; x++) {
      const onCross = Math.abs(x * h - y * w) < 3 * w || Math.abs((w - x) * h - y * w) < 3 * w;
      const onFrame = x < 6 || y < 6 || x >= w - 6 || y >= h - 6;
      const value = onCross || onFrame ? 150 : 225;
      rows.fill(value, row + 1 + x * 3, row + 4 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  cached = new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
  return cached;
}
