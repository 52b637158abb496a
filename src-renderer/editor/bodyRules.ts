// Rules every body obeys, whatever put the content there (typing, paste,
// markdown shortcut, a stored draft): links only to http(s)/mailto, and only
// the heading levels an article uses. Enforced as node transforms, so the
// rule holds before anything is rendered or saved.
import type { LexicalEditor } from 'lexical';
import { LinkNode } from '@lexical/link';
import { HeadingNode, $createHeadingNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import { isAllowedLinkUrl } from './linkUrl';

/** Keeps the link's text, drops the link. */
function $unwrapLink(link: LinkNode): void {
  const children = link.getChildren();
  for (const child of children) link.insertBefore(child);
  link.remove();
}

export function registerBodyRules(editor: LexicalEditor, onLinkRefused?: (url: string) => void): () => void {
  return mergeRegister(
    editor.registerNodeTransform(LinkNode, (link) => {
      const url = link.getURL();
      if (!isAllowedLinkUrl(url)) {
        $unwrapLink(link);
        onLinkRefused?.(url);
      }
    }),
    editor.registerNodeTransform(HeadingNode, (heading) => {
      const tag = heading.getTag();
      if (tag === 'h2' || tag === 'h3') return;
      const replacement = $createHeadingNode(tag === 'h1' ? 'h2' : 'h3');
      heading.getChildren().forEach((child) => replacement.append(child));
      heading.replace(replacement);
    }),
  );
}
