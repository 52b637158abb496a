// Importing a picked file into an existing image slot (a figure's "Replace
// image", the lead image): one busy flag, one message, one way to show it.
import { useState } from 'react';
import type { ImageRef } from '../../src-shared/image';
import { importImageFile } from './importImageFile';

export interface ImportMessageState {
  kind: 'error' | 'notice';
  text: string;
}

export function useImageImport(onImported: (image: ImageRef) => void): {
  busy: boolean;
  message: ImportMessageState | null;
  importFile(file: File): Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ImportMessageState | null>(null);
  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const outcome = await importImageFile(file);
    setBusy(false);
    if (!outcome.ok) {
      setMessage({ kind: 'error', text: outcome.message });
      return;
    }
    if (outcome.notice) setMessage({ kind: 'notice', text: outcome.notice });
    onImported(outcome.image);
  };
  return { busy, message, importFile };
}

/** An import's refusal (alert) or notice (status), or nothing. */
export function ImportMessage({ message }: { message: ImportMessageState | null }): React.JSX.Element | null {
  if (!message) return null;
  return (
    <p
      className={message.kind === 'error' ? 'image-error' : 'image-notice'}
      role={message.kind === 'error' ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  );
}
