// The article pane (Lexical, the body editor, checks, history, publish and
// image dialogs) is the bulk of the renderer, and the first screen does not
// need it: the drafts list paints from the small entry chunk, and this chunk
// is fetched and run when the first draft opens (App's openDraft calls
// loadArticlePane() while it reads the draft, and opens it when both are
// there). It is deliberately not preloaded: see requireLazyChunks in
// electron.vite.config.ts.
//
// Once the chunk has loaded, the pane renders it directly instead of through
// React.lazy (see lazyChunk.tsx: React's fallback throttle held the first
// draft's editor back by up to 300 ms).
import { Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import { lazyChunk } from '../lazyChunk';
import type { ArticlePaneProps } from './ArticlePane';

const articlePane = lazyChunk<ArticlePaneProps>(() =>
  import('./ArticlePane').then((module) => module.ArticlePane),
);

/**
 * Starts loading the article pane's chunk (once; a failed load is tried again
 * by the next draft opened) and resolves when it is there, has failed, or after
 * CHUNK_WAIT_MS; never rejects.
 */
export function loadArticlePane(): Promise<void> {
  return articlePane.ready();
}

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
        <articlePane.Component {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
