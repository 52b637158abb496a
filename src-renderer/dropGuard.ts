// A file dropped anywhere but on a place that takes it (the article body
// imports images) must never make the window open that file in place of the
// app: the browser's default for a file drop is to navigate to it, which in
// the browser shell reloads the app and drops whatever was not yet saved.
// Electron also sets navigateOnDragDrop: false; this covers both shells.

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function installDropGuard(target: Window = window): void {
  const refuse = (event: DragEvent): void => {
    // The body's own handler (InsertImagePlugin) already accepted it.
    if (event.defaultPrevented || !carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  };
  target.addEventListener('dragover', refuse);
  target.addEventListener('drop', refuse);
}
