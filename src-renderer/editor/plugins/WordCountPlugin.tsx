// Live word count that stays cheap at 100k words: counted when the browser is
// idle (at most every 400 ms), and only top-level blocks that Lexical marked
// dirty since the last count are recounted. (A block's object can stay the
// same while its text children change, so counts are keyed by node key and
// invalidated from the update's dirtyElements, not cached per object.)
import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, type NodeKey } from 'lexical';
import { countWords } from '../../../src-shared/body';
import { formatWordCount } from '../../format';

const THROTTLE_MS = 400;

export function WordCountPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [words, setWords] = useState<number | null>(null);

  useEffect(() => {
    let counts = new Map<NodeKey, number>();
    const stale = new Set<NodeKey>();
    let scheduled = false;
    let lastRun = 0;
    const count = (): void => {
      scheduled = false;
      lastRun = performance.now();
      const total = editor.getEditorState().read(() => {
        let sum = 0;
        const next = new Map<NodeKey, number>();
        for (const block of $getRoot().getChildren()) {
          const key = block.getKey();
          let blockWords = stale.has(key) ? undefined : counts.get(key);
          if (blockWords === undefined) blockWords = countWords(block.getTextContent());
          next.set(key, blockWords);
          sum += blockWords;
        }
        counts = next;
        stale.clear();
        return sum;
      });
      setWords(total);
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = true;
      const wait = Math.max(0, THROTTLE_MS - (performance.now() - lastRun));
      window.setTimeout(() => {
        if (typeof window.requestIdleCallback === 'function')
          window.requestIdleCallback(count, { timeout: 500 });
        else count();
      }, wait);
    };
    count();
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      for (const key of dirtyElements.keys()) stale.add(key);
      // A text node directly under a block marks that block dirty too; leaves are covered by their parents.
      schedule();
    });
  }, [editor]);

  return (
    <p className="word-count" data-testid="word-count">
      {words === null ? '' : formatWordCount(words)}
    </p>
  );
}
