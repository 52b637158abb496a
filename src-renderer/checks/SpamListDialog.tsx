// "Edit spam list": the link hosts the pre-publish check blocks and every
// import drops (src-shared/spamList.ts), one per line. The shipped list
// applies until the desk saves its own.
import { useCallback } from 'react';
import { call } from '../api';
import { TextSettingDialog } from './TextSettingDialog';

export function SpamListDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const load = useCallback(async () => {
    const result = await call('publish:getSettings', {});
    return result.ok
      ? { ok: true as const, text: result.value.spamDomains.join('\n') }
      : { ok: false as const, message: result.error.message };
  }, []);
  const save = useCallback(async (text: string) => {
    const result = await call('publish:saveSettings', { spamDomains: text.split('\n') });
    if (!result.ok) return { ok: false as const, message: result.error.message };
    const count = result.value.spamDomains.length;
    return {
      ok: true as const,
      text: result.value.spamDomains.join('\n'),
      message: `Saved: ${count} ${count === 1 ? 'entry' : 'entries'} on the spam list.`,
    };
  }, []);
  return (
    <TextSettingDialog
      title="Spam list"
      hint="One entry a line. A domain (spam.example) covers its subdomains; a word between stars (*online-casino*) covers every address containing it. Links to these are blocked before publishing and dropped on import."
      label="Spam domains"
      saveLabel="Save spam list"
      rows={14}
      load={load}
      save={save}
      onClose={onClose}
    />
  );
}
