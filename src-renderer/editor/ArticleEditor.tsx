// The article body: a Lexical rich-text editor with the article's nodes and
// plugins. It never re-renders while typing; it tells its owner "something
// changed" (cheap) and hands out a serializer the autosave calls later (one
// that redoes only the blocks changed since its last call: bodySerializer.ts).
import { memo, useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { CLEAR_HISTORY_COMMAND, type SerializedEditorState } from 'lexical';
import type { BodyEnvelope } from '../../src-shared/body';
import type { HashedBodyParts } from '../../src-shared/bodyPatch';
import { BODY_EDITABLE_MARK } from '../../src-shared/timing';
import { ARTICLE_NODES, unknownNodeTypes } from './nodes';
import { articleTheme } from './theme';
import { ARTICLE_TRANSFORMERS } from './markdownTransformers';
import { isAllowedLinkUrl, LINK_REFUSED_MESSAGE } from './linkUrl';
import { Toolbar } from './Toolbar';
import { PasteSanitizePlugin } from './plugins/PasteSanitizePlugin';
import { BodyRulesPlugin } from './plugins/BodyRulesPlugin';
import { WordCountPlugin } from './plugins/WordCountPlugin';
import { ShortcutsPlugin } from './plugins/ShortcutsPlugin';
import { LinkEditorPlugin } from './plugins/LinkEditorPlugin';
import { InsertImagePlugin } from '../images/InsertImagePlugin';
import { createBodySerializer } from './bodySerializer';

/** Tag of the update that loads a stored body; it is not a change to save. */
const LOAD_TAG = 'copydesk-load-body';

export interface BodyHandle {
  /**
   * The body as the stored envelope JSON string. Redoes only the blocks changed since the
   * last call, but still joins the whole text: call from the autosave, not per keystroke.
   */
  serialize(): string;
  /** The body split at its top-level blocks, for a save that sends only what changed; null once unmounted. */
  parts(): HashedBodyParts | null;
  focus(): void;
}

interface ArticleEditorProps {
  body: BodyEnvelope;
  onChange: () => void;
  onReady: (handle: BodyHandle) => void;
  onLoadError: (message: string) => void;
  onBlur: () => void;
}

/** Lexical reports some failures (an unknown node type) to onError instead of throwing; they land here. */
class ErrorSink {
  private error: Error | null = null;
  reset(): void {
    this.error = null;
  }
  record(error: Error): void {
    this.error = error;
  }
  /** Throws the error recorded since the last call, if any. */
  rethrow(): void {
    const error = this.error;
    this.error = null;
    if (error) throw error;
  }
}

function markFirstEditableFrame(): void {
  if (performance.getEntriesByName(BODY_EDITABLE_MARK).length > 0) return;
  // A message posted from requestAnimationFrame is handled after that frame is painted.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (performance.getEntriesByName(BODY_EDITABLE_MARK).length === 0) performance.mark(BODY_EDITABLE_MARK);
  };
  requestAnimationFrame(() => channel.port2.postMessage(null));
}

function LoadBodyPlugin({
  body,
  onReady,
  onLoadError,
  errorSink,
}: Omit<ArticleEditorProps, 'onBlur' | 'onChange'> & { errorSink: ErrorSink }): null {
  const [editor] = useLexicalComposerContext();
  useLayoutEffect(() => {
    const unknown = unknownNodeTypes(body.editorState.root);
    if (unknown.length > 0) {
      editor.setEditable(false);
      onLoadError(
        `The article body holds content this version of Copydesk does not know (${unknown.map((t) => `“${t}”`).join(', ')}). Update Copydesk to open it. Nothing has been changed or saved.`,
      );
      return;
    }
    try {
      errorSink.reset();
      const state = editor.parseEditorState(body.editorState as unknown as SerializedEditorState);
      errorSink.rethrow();
      editor.setEditorState(state, { tag: LOAD_TAG });
      errorSink.rethrow();
    } catch (error) {
      editor.setEditable(false);
      const detail = error instanceof Error ? error.message : String(error);
      onLoadError(`The article body could not be read (${detail}). Nothing has been changed or saved.`);
      return;
    }
    editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
    const serializer = createBodySerializer(editor);
    onReady({ serialize: serializer.serialize, parts: serializer.parts, focus: () => editor.focus() });
    markFirstEditableFrame();
    // Fill the serializer's per-block cache while the page is idle after opening, so the first
    // autosave during typing serializes only what was typed (a long draft's first full pass
    // would otherwise land between two keystrokes).
    const warmUp = window.requestIdleCallback(() => void serializer.serialize(), { timeout: 2_000 });
    return () => {
      window.cancelIdleCallback(warmUp);
      serializer.dispose();
    };
    // The body is loaded once per mounted editor; the owner remounts it (key) for another draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return null;
}

/**
 * Reports content changes. Mounted last and registered after a microtask:
 * plugins that register node transforms on mount mark existing nodes dirty,
 * and that re-normalization of the loaded body is not an edit to save.
 */
function ChangeListenerPlugin({ onChange }: { onChange: () => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let unregister: (() => void) | null = null;
    let cancelled = false;
    queueMicrotask(() => {
      if (cancelled || !editor.isEditable()) return;
      unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
        if (tags.has(LOAD_TAG)) return;
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) onChange();
      });
    });
    return () => {
      cancelled = true;
      unregister?.();
    };
  }, [editor, onChange]);
  return null;
}

function ArticleEditorImpl({
  body,
  onChange,
  onReady,
  onLoadError,
  onBlur,
}: ArticleEditorProps): React.JSX.Element {
  const [refusedMessage, setRefusedMessage] = useState<string | null>(null);
  const [errorSink] = useState(() => new ErrorSink());
  const [initialConfig] = useState<InitialConfigType>(() => ({
    namespace: 'copydesk-article-body',
    nodes: [...ARTICLE_NODES],
    theme: articleTheme,
    editorState: null,
    onError: (error: Error) => {
      errorSink.record(error);
      console.error('Article body error', error);
    },
  }));
  const onLinkRefused = useCallback((url: string) => {
    const shown = url.length > 60 ? `${url.slice(0, 57)}…` : url;
    setRefusedMessage(`A link to “${shown}” was removed. ${LINK_REFUSED_MESSAGE}`);
  }, []);

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="body-editor">
        <div className="editor-bar">
          <Toolbar />
          <InsertImagePlugin />
        </div>
        <LinkEditorPlugin refusedMessage={refusedMessage} />
        <div className="body-scroll">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                id="article-body"
                className="body-content"
                aria-label="Article body"
                aria-multiline={true}
                aria-placeholder="Write the article…"
                spellCheck={true}
                onBlur={onBlur}
                placeholder={<div className="body-placeholder">Write the article…</div>}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <WordCountPlugin />
      </div>
      <LoadBodyPlugin body={body} onReady={onReady} onLoadError={onLoadError} errorSink={errorSink} />
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isAllowedLinkUrl} />
      <HorizontalRulePlugin />
      <MarkdownShortcutPlugin transformers={ARTICLE_TRANSFORMERS} />
      <PasteSanitizePlugin />
      <BodyRulesPlugin onLinkRefused={onLinkRefused} />
      <ShortcutsPlugin />
      <ChangeListenerPlugin onChange={onChange} />
    </LexicalComposer>
  );
}

/** Re-renders only when its owner swaps the draft (remount by key); props are expected to be stable. */
export const ArticleEditor = memo(ArticleEditorImpl);
