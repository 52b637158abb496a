// The settings of a "Local folder" target: the folder.
import { useId } from 'react';
import type { KindFieldsProps } from './kindFieldsProps';

export function LocalFolderFields({ form, edit }: KindFieldsProps): React.JSX.Element {
  const hint = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${hint}-input`}>
        Folder
      </label>
      <input
        id={`${hint}-input`}
        type="text"
        value={form.folder}
        spellCheck={false}
        aria-describedby={hint}
        onChange={(event) => edit({ folder: event.target.value })}
      />
      <span id={hint} className="field-hint">
        The full path of a folder. Each article goes into its own folder inside it, as a web page with its
        images.
      </span>
    </div>
  );
}
