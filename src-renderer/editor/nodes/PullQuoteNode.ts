// A pull quote: a short passage lifted from the article and set large beside
// the text. A block of inline content like a paragraph; Enter leaves it,
// Backspace at its start turns it back into a paragraph.
import {
  $applyNodeReplacement,
  $createParagraphNode,
  ElementNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type ParagraphNode,
  type RangeSelection,
  type SerializedElementNode,
} from 'lexical';

export type SerializedPullQuoteNode = SerializedElementNode;

export const PULL_QUOTE_CLASS = 'pull-quote';

function $convertPullQuoteElement(): DOMConversionOutput {
  return { node: $createPullQuoteNode() };
}

export class PullQuoteNode extends ElementNode {
  static override getType(): string {
    return 'pullquote';
  }

  static override clone(node: PullQuoteNode): PullQuoteNode {
    return new PullQuoteNode(node.__key);
  }

  constructor(key?: NodeKey) {
    super(key);
  }

  static override importJSON(serializedNode: SerializedPullQuoteNode): PullQuoteNode {
    return $createPullQuoteNode().updateFromJSON(serializedNode);
  }

  override updateFromJSON(serializedNode: LexicalUpdateJSON<SerializedPullQuoteNode>): this {
    return super.updateFromJSON(serializedNode);
  }

  override exportJSON(): SerializedPullQuoteNode {
    return { ...super.exportJSON(), type: PullQuoteNode.getType(), version: 1 };
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      aside: (element: HTMLElement) =>
        element.classList.contains(PULL_QUOTE_CLASS)
          ? { conversion: $convertPullQuoteElement, priority: 1 }
          : null,
      blockquote: (element: HTMLElement) =>
        element.classList.contains(PULL_QUOTE_CLASS)
          ? { conversion: $convertPullQuoteElement, priority: 1 }
          : null,
    };
  }

  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const { element } = super.exportDOM(editor);
    if (element instanceof HTMLElement) {
      if (this.isEmpty()) element.append(document.createElement('br'));
    }
    return { element };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = document.createElement('aside');
    element.classList.add(PULL_QUOTE_CLASS);
    const themeClass = config.theme['pullQuote'];
    if (typeof themeClass === 'string' && themeClass !== '') element.classList.add(...themeClass.split(' '));
    return element;
  }

  override updateDOM(): boolean {
    return false;
  }

  override insertNewAfter(selection: RangeSelection, restoreSelection?: boolean): ParagraphNode {
    const paragraph = $createParagraphNode();
    paragraph.setTextFormat(selection.format);
    paragraph.setTextStyle(selection.style);
    paragraph.setDirection(this.getDirection());
    this.insertAfter(paragraph, restoreSelection);
    return paragraph;
  }

  override collapseAtStart(): true {
    const paragraph = $createParagraphNode();
    this.getChildren().forEach((child) => paragraph.append(child));
    this.replace(paragraph);
    return true;
  }

  override canIndent(): false {
    return false;
  }
}

export function $createPullQuoteNode(): PullQuoteNode {
  return $applyNodeReplacement(new PullQuoteNode());
}

export function $isPullQuoteNode(node: LexicalNode | null | undefined): node is PullQuoteNode {
  return node instanceof PullQuoteNode;
}
