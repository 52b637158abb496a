/** Each raw colour (hex, rgb(), hsl(), …) or var() fallback in a style sheet's text, with its 1-based line. */
export function rawColours(text: string): { line: number; text: string }[];
/** Every .css file under `folder` except tokens.css. */
export function listSheets(folder: string): string[];
