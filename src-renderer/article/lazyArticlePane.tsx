// The article pane (Lexical, the body editor, checks, history, publish and
// image dialogs) is the bulk of the renderer, and the first screen does not
// need it: the drafts list paints from the small entry chunk, and this chunk
// is fetched and run when the first draft opens (App's openDraft calls
// loadArticlePane() while it reads the draft, and opens it when both are
// there). It is deliberately not preloaded: see requireLazyChunks in
// electron.vite.config.ts.
//
// Once the chunk has loaded, the pane renders it directly instead of through
// React.lazy: a lazy component suspends on its first render even when its
// module is already there, and React holds back the reveal of a suspended
// boundary until 300 ms after its fallback appeared (its fallback throttle),
// which was most of the cold start's wait for an editable body.
import { lazy, Suspense, useState } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import type { ArticlePaneProps } from './ArticlePane';

type ArticlePaneModule = typeof import('./ArticlePane');

let loading: Promise<ArticlePaneModule> | null = null;
let loaded: ArticlePaneModule | null = null;

/** Starts loading the article pane's chunk (once) and returns it. */
export function loadArticlePane(): Promise<ArticlePaneModule> {
  loading ??= import('./ArticlePane').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      // A failed load may be retried (the Reload button below, or the next draft opened).
      loading = null;
      throw error;
    },
  );
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

/**
 * The loaded pane itself when its chunk is there at this mount, else the lazy
 * one. Decided once per mount (a state initializer), so a mounted editor never
 * changes component type, which would remount it.
 */
function ArticlePaneOrChunk(props: ArticlePaneProps): React.JSX.Element {
  const [Loaded] = useState(() => loaded?.ArticlePane ?? null);
  return Loaded ? <Loaded {...props} /> : <ArticlePaneChunk {...props} />;
}

export function LazyArticlePane(props: ArticlePaneProps): React.JSX.Element {
  return (
    <ChunkBoundary what="its editor">
      <Suspense fallback={<EditorLoading />}>
        <ArticlePaneOrChunk {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
