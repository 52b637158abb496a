// A component that lives in a lazily loaded chunk (article/lazyArticlePane.tsx,
// publish/lazyPublishTargetsDialog.tsx). `load()` starts loading the chunk once
// (a failed load may be retried) and resolves to the component; `ready()` is
// what callers await before showing the component (at most CHUNK_WAIT_MS), so
// it renders at once. `Component` renders
// the loaded component directly when its chunk is there at mount, and goes
// through React.lazy only when it is not: a lazy component suspends on its
// first render even when its module is already loaded, and React then holds
// back the reveal of the suspended boundary for up to 300 ms (its fallback
// throttle). The choice is made once per mount, so a mounted component never
// changes type, which would remount it.
import { lazy, useState, type ComponentType } from 'react';

/** Longest a caller waits for a chunk before showing the component anyway (with its loading state). */
export const CHUNK_WAIT_MS = 1_000;

export interface LazyChunk<P extends object> {
  load(): Promise<ComponentType<P>>;
  /**
   * Starts loading and resolves once the chunk has loaded, has failed (the
   * component's boundary says so), or CHUNK_WAIT_MS has passed; never rejects.
   * What a click awaits before it shows the component.
   */
  ready(): Promise<void>;
  /** Render inside a Suspense boundary (and a ChunkBoundary for a chunk that cannot load). */
  Component: ComponentType<P>;
}

export function lazyChunk<P extends object>(importer: () => Promise<ComponentType<P>>): LazyChunk<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  const load = (): Promise<ComponentType<P>> => {
    loading ??= importer().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function Component(props: P): React.JSX.Element {
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  const ready = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CHUNK_WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      load().then(done, done);
    });
  return { load, ready, Component };
}
