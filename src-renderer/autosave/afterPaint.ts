// Runs a callback just after the next frame is painted, so work that can wait
// a frame (an autosave) starts at the beginning of a frame's idle time instead
// of between a keystroke and the frame that shows it. A hidden page paints no
// frames, so it runs at once there; and at most `fallbackMs` later in any case,
// so nothing waits on a frame that does not come.
export function afterNextPaint(callback: () => void, fallbackMs = 100): void {
  if (
    typeof requestAnimationFrame !== 'function' ||
    typeof MessageChannel !== 'function' ||
    typeof document === 'undefined' ||
    document.visibilityState === 'hidden'
  ) {
    callback();
    return;
  }
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    callback();
  };
  const fallback = setTimeout(once, fallbackMs);
  // A message posted from requestAnimationFrame is handled after that frame is painted.
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      once();
    };
    channel.port2.postMessage(null);
  });
}
