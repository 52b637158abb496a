// The Publish targets dialog opens on a click, so it is not part of the first
// screen's code: it loads as its own chunk (shared with the Publish dialog).
import { lazy, Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';

const PublishTargetsDialogChunk = lazy(() =>
  import('./PublishTargetsDialog').then((module) => ({ default: module.PublishTargetsDialog })),
);

export function LazyPublishTargetsDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  return (
    <ChunkBoundary what="the Publish targets dialog">
      <Suspense fallback={null}>
        <PublishTargetsDialogChunk onClose={onClose} />
      </Suspense>
    </ChunkBoundary>
  );
}
