// Live word count that stays cheap at 100k words: counted when the browser is
// idle (at most every 400 ms), recounting only the blocks changed since the
// last count (wordCounter.ts). The figure is written straight into its
// element, not through React state: every React commit while the body has
// focus makes React walk the whole body's DOM to save and restore the
// selection (react-dom's commitBeforeMutationEffects), which at 100k words
// is a cost a keystroke would wait behind.
import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { formatWordCount } from '../../format';
import { createWordCounter } from '../wordCounter';

const THROTTLE_MS = 400;

export function WordCountPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const output = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let scheduled = false;
    let lastRun = 0;
    let shown: number | null = null;
    let timer = 0;
    let idle = 0;
    const show = (): void => {
      scheduled = false;
      lastRun = performance.now();
      const words = counter.count();
      if (words === shown || output.current === null) return;
      shown = words;
      output.current.textContent = formatWordCount(words);
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = true;
      const wait = Math.max(0, THROTTLE_MS - (performance.now() - lastRun));
      timer = window.setTimeout(() => {
        if (typeof window.requestIdleCallback === 'function')
          idle = window.requestIdleCallback(show, { timeout: 500 });
        else show();
      }, wait);
    };
    const counter = createWordCounter(editor, schedule);
    show();
    return () => {
      window.clearTimeout(timer);
      if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
      counter.dispose();
    };
  }, [editor]);

  return <p ref={output} className="word-count" data-testid="word-count" />;
}
