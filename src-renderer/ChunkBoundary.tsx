// Parts of the renderer load as their own chunks (article/lazyArticlePane.tsx).
// If one cannot be loaded (a damaged install), say so in its place instead of
// leaving the window blank.
import { Component, type ReactNode } from 'react';

interface ChunkBoundaryProps {
  /** What failed to load, as a person would name it: "its editor". */
  what: string;
  children: ReactNode;
}

interface ChunkBoundaryState {
  failed: string | null;
}

export class ChunkBoundary extends Component<ChunkBoundaryProps, ChunkBoundaryState> {
  override state: ChunkBoundaryState = { failed: null };

  static getDerivedStateFromError(error: unknown): ChunkBoundaryState {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    if (this.state.failed === null) return this.props.children;
    return (
      <div className="no-article" role="alert">
        <p>
          Copydesk could not load {this.props.what} ({this.state.failed}). Your drafts are safe: reload the
          window to try again, or reinstall Copydesk if this keeps happening.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
