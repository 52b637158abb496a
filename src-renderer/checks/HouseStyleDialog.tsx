// "Edit house style": the style sheet file (house-style.yaml in the data
// folder) in a text box. Saving checks it first; a mistake is shown and the
// file is left as it was.
import { useCallback, useState } from 'react';
import { call } from '../api';
import { TextSettingDialog } from './TextSettingDialog';

export function HouseStyleDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [path, setPath] = useState('');
  const load = useCallback(async () => {
    const result = await call('checks:getStyleSheet', {});
    if (!result.ok) return { ok: false as const, message: result.error.message };
    setPath(result.value.path);
    return { ok: true as const, text: result.value.text, warning: result.value.error };
  }, []);
  const save = useCallback(async (text: string) => {
    const result = await call('checks:saveStyleSheet', { text });
    return result.ok
      ? { ok: true as const, message: `Saved to ${result.value.path}.` }
      : { ok: false as const, message: result.error.message };
  }, []);
  return (
    <TextSettingDialog
      title="House style"
      hint={
        <>
          Preferred spellings, forbidden words, the numbers rule and length limits. Stored in{' '}
          {path || 'the data folder'}; you may also edit that file in any text editor.
        </>
      }
      label="Style sheet"
      saveLabel="Save house style"
      rows={18}
      load={load}
      save={save}
      onClose={onClose}
    />
  );
}
