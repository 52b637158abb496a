// The Publish targets dialog opens on a click, so it is not part of the first
// screen's code: it loads as its own chunk (shared with the Publish dialog).
// The click loads it first (loadPublishTargetsDialog) and then opens it, so it
// renders at once rather than suspending (see lazyChunk.tsx).
import { Suspense } from 'react';
import { ChunkBoundary } from '../ChunkBoundary';
import { lazyChunk } from '../lazyChunk';
import type { PublishTargetsDialogProps } from './PublishTargetsDialog';

const targetsDialog = lazyChunk<PublishTargetsDialogProps>(() =>
  import('./PublishTargetsDialog').then((module) => module.PublishTargetsDialog),
);

/** Starts loading the dialog's chunk (once); resolves as loadArticlePane does, and never rejects. */
export function loadPublishTargetsDialog(): Promise<void> {
  return targetsDialog.ready();
}

/** Shown while the dialog's code loads (only when it was opened before its chunk had loaded). */
function TargetsLoading(): React.JSX.Element {
  return (
    <p className="visually-hidden" role="status" aria-busy="true">
      Opening Publish targets…
    </p>
  );
}

export function LazyPublishTargetsDialog({
  onClose,
}: Pick<PublishTargetsDialogProps, 'onClose'>): React.JSX.Element {
  return (
    <ChunkBoundary what="the Publish targets dialog">
      <Suspense fallback={<TargetsLoading />}>
        <targetsDialog.Component onClose={onClose} />
      </Suspense>
    </ChunkBoundary>
  );
}
