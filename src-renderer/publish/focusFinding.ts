// Jumps from a pre-publish finding to its place in the article form: a field
// by its accessible name, an image's Alt text/Credit field (found by the
// image's content hash), or the body block that holds the problem. Works on
// the DOM the form renders, so it needs nothing from the form's components.
import type { Finding } from '../../src-shared/checks/prePublishChecks';

const FIELD_NAMES: Record<string, string> = {
  kicker: 'Kicker',
  headline: 'Headline',
  standfirst: 'Standfirst',
  byline: 'Byline',
  bylineRole: 'Byline role',
};

const CONTROLS = 'input, textarea, select, button, [contenteditable="true"]';

function textWithoutControls(element: Element): string {
  let text = '';
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof Element && !node.matches('input, textarea, select'))
      text += textWithoutControls(node);
  }
  return text;
}

/** The accessible name of a form control, from the sources our form uses. */
export function accessibleName(control: HTMLElement): string {
  const label = control.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = control.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  const labels = 'labels' in control ? (control as HTMLInputElement).labels : null;
  if (labels && labels.length > 0) {
    return [...labels]
      .map((element) => textWithoutControls(element))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return '';
}

export function findControl(root: ParentNode, name: string): HTMLElement | null {
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) {
    if (accessibleName(control) === name) return control;
  }
  return null;
}

function imageFieldName(finding: Finding): string {
  if (finding.id === 'image-alt-missing') return 'Alt text';
  if (finding.id === 'image-credit-missing') return 'Credit';
  return 'Caption';
}

/** The control of a TK marker inside an image: the field whose text holds it. */
function fieldHoldingMarker(root: ParentNode): HTMLElement | null {
  for (const control of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (/(?<![\p{L}\p{N}_])(?:TK)+(?![\p{L}\p{N}_])/u.test(control.value)) return control;
  }
  return null;
}

function reveal(element: HTMLElement): void {
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

function focusBodyBlock(nodeIndex: number | undefined): boolean {
  const editor = document.querySelector<HTMLElement>('[contenteditable="true"][aria-label="Article body"]');
  if (!editor) return false;
  const block = nodeIndex === undefined ? null : (editor.children[nodeIndex] as HTMLElement | undefined);
  reveal(editor);
  if (block) {
    block.scrollIntoView({ block: 'center' });
    const selection = window.getSelection();
    if (selection) {
      const range = document.createRange();
      range.selectNodeContents(block);
      range.collapse(true);
      selection.removeAllRanges();
      selection.addRange(range);
    }
  }
  return true;
}

/** Moves focus to where the finding is. Returns false when that place is not on screen. */
export function focusFinding(finding: Finding, root: ParentNode = document): boolean {
  const { location } = finding;
  if (location.field in FIELD_NAMES) {
    const control = findControl(root, FIELD_NAMES[location.field]!);
    if (control) reveal(control);
    return control !== null;
  }
  if (location.field === 'leadImage') {
    const group = [...root.querySelectorAll<HTMLElement>('[role="group"]')].find(
      (element) => accessibleName(element) === 'Lead image',
    );
    const control = group
      ? finding.id === 'tk-marker'
        ? fieldHoldingMarker(group)
        : findControl(group, imageFieldName(finding))
      : findControl(root, 'Set lead image');
    if (control) reveal(control);
    return control !== null;
  }
  if (location.imageHash) {
    const image = [...root.querySelectorAll<HTMLImageElement>('figure img')].find((img) =>
      img.getAttribute('src')?.includes(location.imageHash!),
    );
    const figure = image?.closest('figure');
    if (figure) {
      const control =
        finding.id === 'tk-marker'
          ? fieldHoldingMarker(figure)
          : findControl(figure, imageFieldName(finding));
      if (control) {
        reveal(control);
        return true;
      }
    }
  }
  return focusBodyBlock(location.nodeIndex);
}
