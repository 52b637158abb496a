// The settings of an "HTTP JSON" target: the endpoint and its token.
import { useId } from 'react';
import { SECRET_LABELS } from '../targetForm';
import type { KindFieldsProps } from './kindFieldsProps';
import { SecretField } from './SecretField';

export function HttpJsonFields(props: KindFieldsProps): React.JSX.Element {
  const { form, edit } = props;
  const hint = useId();
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${hint}-input`}>
          Endpoint URL
        </label>
        <input
          id={`${hint}-input`}
          type="url"
          value={form.endpoint}
          spellCheck={false}
          placeholder="https://news.example.com/api/articles"
          aria-describedby={hint}
          onChange={(event) => edit({ endpoint: event.target.value })}
        />
        <span id={hint} className="field-hint">
          Must start with https:// (http:// only for this computer).
        </span>
      </div>
      <SecretField {...props} label={SECRET_LABELS['http-json']} />
    </>
  );
}
