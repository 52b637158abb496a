// Reads the caption, credit and copyright a photographer or agency put into
// the file (IPTC, XMP, EXIF) with exifr, and turns them into the prefill of
// an image's fields. Metadata is a convenience: any failure to read it leaves
// the fields empty and never stops an import.
import exifr from 'exifr';
import { splitCaptionCredit } from '../../../src-shared/captionCredit';
import { IMAGE_TEXT_LIMIT, type ImageMime } from '../../../src-shared/image';

export interface ImageMetadataPrefill {
  caption: string;
  credit: string;
  copyright: string;
  fromFile: { caption: boolean; credit: boolean; copyright: boolean };
}

const EMPTY: ImageMetadataPrefill = {
  caption: '',
  credit: '',
  copyright: '',
  fromFile: { caption: false, credit: false, copyright: false },
};

/** Formats exifr can read metadata from; GIF and WebP carry none we use. */
const READABLE: ReadonlySet<ImageMime> = new Set(['image/jpeg', 'image/png', 'image/avif']);

const EXIFR_OPTIONS = {
  tiff: true,
  ifd0: { pick: ['ImageDescription', 'Artist', 'Copyright'] },
  ifd1: false,
  exif: false,
  gps: false,
  interop: false,
  makerNote: false,
  userComment: false,
  iptc: true,
  xmp: true,
  icc: false,
  jfif: false,
  ihdr: false,
  mergeOutput: false,
  translateValues: false,
};

type Segment = Record<string, unknown> | undefined;

/**
 * exifr decodes IPTC text as Latin-1 even when the file declares UTF-8
 * (dataset 1:90), which most newsroom tools do. Text whose Latin-1 bytes form
 * valid UTF-8 with non-ASCII characters is decoded again as UTF-8.
 */
function repairUtf8(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[\u0100-\uffff]/.test(text)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

const NUL = new RegExp(String.fromCharCode(0), 'g');
// Control characters (tabs and newlines too) and runs of spaces become one space: captions are single-line text.
const CONTROL_OR_SPACE = new RegExp(
  `[${String.fromCharCode(1)}-${String.fromCharCode(31)}${String.fromCharCode(127)}\\s]+`,
  'g',
);

/** Plain text from an exifr value: strings, XMP language alternatives, lists. */
function textOf(value: unknown, repair = false): string {
  let text = '';
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = String(value);
  else if (Array.isArray(value))
    text = value
      .map((item) => textOf(item, repair))
      .filter((t) => t !== '')
      .join(', ');
  else if (value && typeof value === 'object' && 'value' in value)
    text = textOf((value as { value: unknown }).value);
  if (repair) text = repairUtf8(text);
  const cleaned = text.replace(NUL, '').replace(CONTROL_OR_SPACE, ' ').trim();
  return cleaned.slice(0, IMAGE_TEXT_LIMIT);
}

function first(...candidates: string[]): string {
  return candidates.find((candidate) => candidate !== '') ?? '';
}

/** Caption, credit and copyright from the file's own metadata, with the caption's glued credit split off. */
export async function readImageMetadata(bytes: Uint8Array, mime: ImageMime): Promise<ImageMetadataPrefill> {
  if (!READABLE.has(mime)) return EMPTY;
  let output: Record<string, Segment> | undefined;
  try {
    output = (await exifr.parse(bytes, EXIFR_OPTIONS)) as Record<string, Segment> | undefined;
  } catch {
    return EMPTY;
  }
  if (!output) return EMPTY;
  const iptc = output.iptc ?? {};
  const dc = output.dc ?? {};
  const photoshop = output.photoshop ?? {};
  const ifd0 = output.ifd0 ?? {};

  // IPTC Credit Line is what the agency wants printed; By-line (the photographer) is the fallback.
  const fieldCredit = first(
    textOf(iptc.Credit, true),
    textOf(photoshop.Credit),
    textOf(iptc.Byline, true),
    textOf(dc.creator),
    textOf(ifd0.Artist),
  );
  const rawCaption = first(textOf(iptc.Caption, true), textOf(dc.description), textOf(ifd0.ImageDescription));
  const copyright = first(textOf(iptc.CopyrightNotice, true), textOf(dc.rights), textOf(ifd0.Copyright));

  const split = splitCaptionCredit(rawCaption);
  const credit = fieldCredit !== '' ? fieldCredit : (split.credit ?? '');
  return {
    caption: split.caption,
    credit,
    copyright,
    fromFile: { caption: split.caption !== '', credit: credit !== '', copyright: copyright !== '' },
  };
}
