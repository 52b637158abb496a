// A component that lives in a lazily loaded chunk (article/lazyArticlePane.tsx,
// publish/lazyPublishTargetsDialog.tsx). `load()` starts loading the chunk once
// (a failed load may be retried) and resolves to the component; callers await
// it before showing the component, so it renders at once. `Component` renders
// the loaded component directly when its chunk is there at mount, and goes
// through React.lazy only when it is not: a lazy component suspends on its
// first render even when its module is already loaded, and React then holds
// back the reveal of the suspended boundary for up to 300 ms (its fallback
// throttle). The choice is made once per mount, so a mounted component never
// changes type, which would remount it.
import { lazy, useState, type ComponentType } from 'react';

export interface LazyChunk<P extends object> {
  load(): Promise<ComponentType<P>>;
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
  return { load, Component };
}
