// The settings of a "WordPress" target: site, user, application password and
// the attachment field that receives image credits.
import { useId } from 'react';
import { SECRET_LABELS } from '../targetForm';
import type { KindFieldsProps } from './kindFieldsProps';
import { SecretField } from './SecretField';

export function WordPressFields(props: KindFieldsProps): React.JSX.Element {
  const { form, edit } = props;
  const urlHint = useId();
  const metaHint = useId();
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${urlHint}-input`}>
          Site URL
        </label>
        <input
          id={`${urlHint}-input`}
          type="url"
          value={form.siteUrl}
          spellCheck={false}
          placeholder="https://news.example.com"
          aria-describedby={urlHint}
          onChange={(event) => edit({ siteUrl: event.target.value })}
        />
        <span id={urlHint} className="field-hint">
          The address of the site’s home page; must start with https:// (http:// only for this computer).
        </span>
      </div>
      <label className="field">
        <span className="field-label">Username</span>
        <input
          type="text"
          value={form.username}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => edit({ username: event.target.value })}
        />
      </label>
      <SecretField {...props} label={SECRET_LABELS.wordpress} />
      <div className="field">
        <label className="field-label" htmlFor={`${metaHint}-input`}>
          Credit meta key
        </label>
        <input
          id={`${metaHint}-input`}
          type="text"
          value={form.creditMetaKey}
          spellCheck={false}
          aria-describedby={metaHint}
          onChange={(event) => edit({ creditMetaKey: event.target.value })}
        />
        <span id={metaHint} className="field-hint">
          Image credits also go into this attachment field when the site registers it. Leave empty to send
          credits only in captions.
        </span>
      </div>
    </>
  );
}
