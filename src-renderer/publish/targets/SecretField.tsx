// The write-only password/token field: it is never filled from the services,
// which only say whether one is stored, and where.
import { useId } from 'react';
import { storeDescription } from '../targetForm';
import type { KindFieldsProps } from './kindFieldsProps';

export function SecretField({
  form,
  edit,
  store,
  label,
}: KindFieldsProps & { label: string }): React.JSX.Element | null {
  const hint = useId();
  if (!store) return null;
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${hint}-input`}>
        {label}
      </label>
      <input
        id={`${hint}-input`}
        type="password"
        value={form.secret}
        autoComplete="new-password"
        spellCheck={false}
        placeholder={form.hasSecret ? 'Stored — type a new one to replace it' : ''}
        aria-describedby={hint}
        onChange={(event) => edit({ secret: event.target.value })}
      />
      <div id={hint} className="secret-note">
        <p>
          {form.hasSecret ? `A ${label.toLowerCase()} is stored. ` : ''}
          {storeDescription(store)}
        </p>
        {store.warning && <p className="secret-warning">⚠ {store.warning}</p>}
      </div>
    </div>
  );
}
