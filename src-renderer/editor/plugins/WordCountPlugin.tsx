// Live word count that stays cheap at 100k words: counted when the browser is
// idle (at most every 400 ms), and only blocks that changed are recounted —
// Lexical keeps the same node object for an unchanged block, so a WeakMap
// keyed by node object remembers earlier counts.
import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, type LexicalNode } from 'lexical';
import { countWords } from '../../../src-shared/body';
import { formatWordCount } from '../../format';

const THROTTLE_MS = 400;

export function WordCountPlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [words, setWords] = useState<number | null>(null);

  useEffect(() => {
    const counts = new WeakMap<LexicalNode, number>();
    let scheduled = false;
    let lastRun = 0;
    const count = (): void => {
      scheduled = false;
      lastRun = performance.now();
      const total = editor.getEditorState().read(() => {
        let sum = 0;
        for (const block of $getRoot().getChildren()) {
          let blockWords = counts.get(block);
          if (blockWords === undefined) {
            blockWords = countWords(block.getTextContent());
            counts.set(block, blockWords);
          }
          sum += blockWords;
        }
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
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule();
    });
  }, [editor]);

  return (
    <p className="word-count" data-testid="word-count">
      {words === null ? '' : formatWordCount(words)}
    </p>
  );
}
