// The Lexical editor of the article body, found from its DOM element (the
// textbox "Article body"), so the Checks panel can read the body as typed and
// apply a fix without threading the editor through the article form.
import { getNearestEditorFromDOMNode, type LexicalEditor } from 'lexical';

export function findBodyEditor(root: ParentNode = document): LexicalEditor | null {
  const element = root.querySelector('[contenteditable][aria-label="Article body"]');
  return element ? getNearestEditorFromDOMNode(element) : null;
}
