// A figure in the article body: an image stored by content hash with its
// caption, credit and alt text. Its serialized form is public (stored
// drafts, the renderer in src-shared/render): type 'image-figure', version 1,
// the ImageRef fields at the top level, and never the bytes or a blob/data URL.
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { ImageRefSchema, mediaUrl, type ImageRef } from '../../src-shared/image';
import { IMAGE_FIGURE_TYPE } from '../../src-shared/render/renderArticle';
import { ImageFigure } from './ImageFigure';

export type SerializedImageFigureNode = Spread<
  ImageRef & { type: typeof IMAGE_FIGURE_TYPE; version: 1 },
  SerializedLexicalNode
>;

/** Copies exactly the ImageRef fields, so nothing editor-only reaches the stored JSON. */
function imageRefOf(source: ImageRef): ImageRef {
  return {
    hash: source.hash,
    mime: source.mime,
    width: source.width,
    height: source.height,
    caption: source.caption,
    credit: source.credit,
    alt: source.alt,
    copyright: source.copyright,
    fromFile: {
      caption: source.fromFile.caption,
      credit: source.fromFile.credit,
      copyright: source.fromFile.copyright,
    },
  };
}

export class ImageFigureNode extends DecoratorNode<React.JSX.Element> {
  __image: ImageRef;

  static override getType(): string {
    return IMAGE_FIGURE_TYPE;
  }

  static override clone(node: ImageFigureNode): ImageFigureNode {
    return new ImageFigureNode(node.__image, node.__key);
  }

  constructor(image: ImageRef, key?: NodeKey) {
    super(key);
    this.__image = image;
  }

  static override importJSON(serializedNode: SerializedImageFigureNode): ImageFigureNode {
    const parsed = ImageRefSchema.safeParse(serializedNode);
    if (!parsed.success) throw new Error('an image in the body has a damaged reference');
    return $createImageFigureNode(parsed.data);
  }

  override exportJSON(): SerializedImageFigureNode {
    return { type: IMAGE_FIGURE_TYPE, version: 1, ...imageRefOf(this.getLatest().__image) };
  }

  override exportDOM(): DOMExportOutput {
    const image = this.getLatest().__image;
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.src = mediaUrl(image.hash);
    img.alt = image.alt;
    img.width = image.width;
    img.height = image.height;
    figure.append(img);
    if (image.caption !== '' || image.credit !== '') {
      const caption = document.createElement('figcaption');
      caption.textContent = image.caption;
      if (image.credit !== '') {
        const credit = document.createElement('span');
        credit.className = 'credit';
        credit.textContent = ` ${image.credit}`;
        caption.append(credit);
      }
      figure.append(caption);
    }
    return { element: figure };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = document.createElement('div');
    element.className = 'image-figure-block';
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return '';
  }

  getImage(): ImageRef {
    return this.getLatest().__image;
  }

  setImage(image: ImageRef): this {
    const writable = this.getWritable();
    writable.__image = imageRefOf(image);
    return writable;
  }

  override decorate(editor: LexicalEditor): React.JSX.Element {
    return <ImageFigure editor={editor} nodeKey={this.getKey()} image={this.__image} />;
  }
}

export function $createImageFigureNode(image: ImageRef): ImageFigureNode {
  return $applyNodeReplacement(new ImageFigureNode(imageRefOf(image)));
}

export function $isImageFigureNode(node: LexicalNode | null | undefined): node is ImageFigureNode {
  return node instanceof ImageFigureNode;
}
