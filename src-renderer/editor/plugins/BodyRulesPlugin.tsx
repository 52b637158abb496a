import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { registerBodyRules } from '../bodyRules';

export function BodyRulesPlugin({ onLinkRefused }: { onLinkRefused: (url: string) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerBodyRules(editor, onLinkRefused), [editor, onLinkRefused]);
  return null;
}
