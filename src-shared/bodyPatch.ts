// A body saved as the change since the last save, not the whole text.
//
// The stored body is `head[block,block,…]tail`: the envelope JSON around the
// root's children, and each top-level block's JSON. While an editor types in
// a 100,000-word article, one block changes between two autosaves, yet the
// whole ~0.9 MB text used to cross from the page to the services on every
// save (about 25 ms of the page's main thread in the browser shell, on a
// keystroke's way). A patch names the blocks replaced, by position, and the
// services rebuild the text from the last body they stored for that draft.
//
// The services apply a patch only to the body of the revision it names, and
// only when the result has the length and digest the page computed over its
// own text; otherwise they refuse it ('patch_base_missing') and the page
// sends the whole body instead. So a patch can fail, but never store text
// other than the text on screen.

/** A body split at its top-level blocks; `joinBodyParts` gives the stored JSON text. */
export interface BodyParts {
  /** The envelope's JSON up to the root's children array (without its "["). */
  head: string;
  /** Each top-level block's JSON, in order. */
  blocks: readonly string[];
  /** The envelope's JSON after the children array (without its "]"). */
  tail: string;
}

/** BodyParts with each block's hashText (kept per block, so a save hashes only the blocks that changed). */
export interface HashedBodyParts extends BodyParts {
  hashes: readonly number[];
}

/** What drafts:save takes instead of `body`: blocks [at, at + remove) of the base body replaced by `insert`. */
export interface BodyPatch {
  head: string;
  tail: string;
  at: number;
  remove: number;
  insert: string[];
  /** The whole new body's length in UTF-16 code units. */
  length: number;
  /** bodyDigest of the whole new body. */
  digest: number;
}

export function joinBodyParts(parts: BodyParts): string {
  return `${parts.head}[${parts.blocks.join(',')}]${parts.tail}`;
}

/** The length of joinBodyParts(parts), without joining. */
export function bodyPartsLength(parts: BodyParts): number {
  let length = parts.head.length + parts.tail.length + 2 + Math.max(0, parts.blocks.length - 1);
  for (const block of parts.blocks) length += block.length;
  return length;
}

/** 32-bit FNV-1a over UTF-16 code units: a check against mistakes, not against an adversary. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** One number for a whole body from its head's, blocks' and tail's hashes, order and count included. */
export function bodyDigest(head: string, blockHashes: readonly number[], tail: string): number {
  let digest = Math.imul(0x811c9dc5 ^ blockHashes.length, 0x01000193);
  const mix = (hash: number): void => {
    digest = Math.imul(digest ^ hash, 0x01000193);
    digest ^= digest >>> 15;
  };
  mix(hashText(head));
  for (const hash of blockHashes) mix(hash);
  mix(hashText(tail));
  return digest >>> 0;
}

/**
 * The patch that turns `base` into `next`: the blocks between their common
 * start and common end. Blocks are compared as strings; the serializer hands
 * back the same string object for a block it did not redo, so an unchanged
 * block costs a pointer comparison.
 */
export function diffBodyParts(base: BodyParts, next: HashedBodyParts): BodyPatch {
  const before = base.blocks;
  const after = next.blocks;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  return {
    head: next.head,
    tail: next.tail,
    at: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
    length: bodyPartsLength(next),
    digest: bodyDigest(next.head, next.hashes, next.tail),
  };
}

/**
 * Applies `patch` to `base`; returns the new parts, or null when the patch
 * does not fit the base or the result's length or digest differs from the
 * patch's (the caller then needs the whole body).
 */
export function applyBodyPatch(base: HashedBodyParts, patch: BodyPatch): HashedBodyParts | null {
  if (patch.at < 0 || patch.remove < 0 || patch.at + patch.remove > base.blocks.length) return null;
  const blocks = [...base.blocks];
  blocks.splice(patch.at, patch.remove, ...patch.insert);
  const hashes = [...base.hashes];
  hashes.splice(patch.at, patch.remove, ...patch.insert.map(hashText));
  const next: HashedBodyParts = { head: patch.head, tail: patch.tail, blocks, hashes };
  if (bodyPartsLength(next) !== patch.length) return null;
  if (bodyDigest(next.head, next.hashes, next.tail) !== patch.digest) return null;
  return next;
}

/** Stands in for the root's children while the envelope around them is stringified. */
const CHILDREN_MARKER = '\u0000copydesk-body-children\u0000';

/**
 * The head and tail around `children` in JSON.stringify(envelope), where
 * envelope.editorState.root.children is `children` (the array is not read).
 */
export function envelopeAround(envelope: { editorState: { root: object } }): { head: string; tail: string } {
  const withMarker = {
    ...envelope,
    editorState: {
      ...envelope.editorState,
      root: { ...envelope.editorState.root, children: [CHILDREN_MARKER] },
    },
  };
  const text = JSON.stringify(withMarker);
  const marker = `[${JSON.stringify(CHILDREN_MARKER)}]`;
  const at = text.indexOf(marker);
  return { head: text.slice(0, at), tail: text.slice(at + marker.length) };
}

/**
 * A stored body's JSON text split into parts, or null when the text is not
 * exactly what JSON.stringify makes of its own parse (then only the whole
 * text can be trusted; a patch against it is refused).
 */
export function splitBody(body: string): HashedBodyParts | null {
  let envelope: { editorState?: { root?: { children?: unknown } } };
  try {
    envelope = JSON.parse(body) as typeof envelope;
  } catch {
    return null;
  }
  const root = envelope.editorState?.root;
  if (typeof root !== 'object' || root === null || !Array.isArray(root.children)) return null;
  const blocks = root.children.map((child) => JSON.stringify(child));
  const { head, tail } = envelopeAround(envelope as { editorState: { root: object } });
  const parts = { head, tail, blocks, hashes: blocks.map(hashText) };
  return joinBodyParts(parts) === body ? parts : null;
}
