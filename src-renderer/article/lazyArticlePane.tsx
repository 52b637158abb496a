// The article pane (Lexical, the body editor, checks, history, publish and
// image dialogs) is the bulk of the renderer, and the first screen does not
// need it: the drafts list paints from the small entry chunk, and this chunk
// is fetched and run when the first draft opens (App's openDraft calls
// loadArticlePane() while it reads the draft). It is deliberately not
// preloaded: see requireLazyChunks in electron.vite.config.ts.
import { lazy, Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import type { ArticlePaneProps } from './ArticlePane';

let loading: Promise<typeof import('./ArticlePane')> | null = null;

/** Starts loading the article pane's chunk (once) and returns it. */
export function loadArticlePane(): Promise<typeof import('./ArticlePane')> {
  loading ??= import('./ArticlePane').catch((error: unknown) => {
    // A failed load may be retried (the Reload button below, or the next draft opened).
    loading = null;
    throw error;
  });
  return loading;
}

const ArticlePaneChunk = lazy(() => loadArticlePane().then((module) => ({ default: module.ArticlePane })));

/** Shown in the article column while the editor's code loads: the column's own quiet empty state. */
export function EditorLoading(): React.JSX.Element {
  return (
    <div className="no-article" role="status" aria-busy="true">
      <p>Opening the editor…</p>
    </div>
  );
}

export function LazyArticlePane(props: ArticlePaneProps): React.JSX.Element {
  return (
    <ChunkBoundary what="its editor">
      <Suspense fallback={<EditorLoading />}>
        <ArticlePaneChunk {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
