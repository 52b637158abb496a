// Which link targets an article may carry. Published HTML is read by the
// public, so anything that could run code or reach local files is refused.
import { isAllowedLinkUrl } from '../../src-shared/links';

export const LINK_REFUSED_MESSAGE = 'Links must start with http://, https:// or mailto:.';

export type LinkUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export { isAllowedLinkUrl };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LOOKS_LIKE_EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const LOOKS_LIKE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]|$)/i;

/**
 * Turns what an editor typed into a link URL, or explains why not.
 * "example.com/x" becomes "https://example.com/x" and "a@b.org" a mailto link.
 */
export function checkLinkInput(input: string): LinkUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Type the address the link should open.' };
  let candidate = text;
  if (!HAS_SCHEME.test(text)) {
    if (LOOKS_LIKE_EMAIL.test(text)) candidate = `mailto:${text}`;
    else if (LOOKS_LIKE_HOST.test(text)) candidate = `https://${text}`;
    else return { ok: false, message: `“${text}” is not a web address. ${LINK_REFUSED_MESSAGE}` };
  } else if (text.startsWith('//')) {
    candidate = `https:${text}`;
  }
  if (!isAllowedLinkUrl(candidate)) return { ok: false, message: LINK_REFUSED_MESSAGE };
  return { ok: true, url: candidate };
}
