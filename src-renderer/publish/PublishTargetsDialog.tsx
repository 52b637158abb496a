// The "Publish targets" dialog: the list of targets (the default marked) and
// a form to add, edit, test, remove or make one the default. Passwords and
// tokens are write-only: the services only say whether one is stored.
import { useCallback, useEffect, useId, useState } from 'react';
import {
  TARGET_KIND_LABELS,
  TARGET_KINDS,
  type TargetKind,
  type TargetSummary,
} from '../../src-shared/ipc/publishChannels';
import { call } from '../api';
import { ModalDialog } from './ModalDialog';

const SECRET_LABELS: Record<TargetKind, string | null> = {
  'local-folder': null,
  'http-json': 'Token',
  wordpress: 'Application password',
};

export const DEFAULT_CREDIT_META_KEY = 'copydesk_credit';

interface SecretStoreInfo {
  kind: 'os-keychain' | 'browser-shell-file';
  warning: string | null;
}

interface TargetForm {
  id: string | null;
  kind: TargetKind;
  name: string;
  folder: string;
  endpoint: string;
  siteUrl: string;
  username: string;
  creditMetaKey: string;
  /** Typed by the editor; never filled from the services. */
  secret: string;
  hasSecret: boolean;
  /** Settings of the target this form does not show (kept as they are on save). */
  otherConfig: Record<string, string | number | boolean | null>;
}

type Message = { kind: 'ok' | 'error' | 'info'; text: string };

function stringConfig(config: TargetSummary['config'], key: string, fallback = ''): string {
  const value = config[key];
  return typeof value === 'string' ? value : fallback;
}

const FORM_CONFIG_KEYS = new Set(['folder', 'endpoint', 'siteUrl', 'username', 'creditMetaKey']);

function formOf(target: TargetSummary): TargetForm {
  const otherConfig = Object.fromEntries(
    Object.entries(target.config).filter(([key]) => !FORM_CONFIG_KEYS.has(key)),
  );
  return {
    id: target.id,
    kind: target.kind,
    name: target.name,
    folder: stringConfig(target.config, 'folder'),
    endpoint: stringConfig(target.config, 'endpoint'),
    siteUrl: stringConfig(target.config, 'siteUrl'),
    username: stringConfig(target.config, 'username'),
    creditMetaKey: stringConfig(target.config, 'creditMetaKey', DEFAULT_CREDIT_META_KEY),
    secret: '',
    hasSecret: target.hasSecret,
    otherConfig,
  };
}

function blankForm(kind: TargetKind = 'local-folder'): TargetForm {
  return {
    id: null,
    kind,
    name: '',
    folder: '',
    endpoint: '',
    siteUrl: '',
    username: '',
    creditMetaKey: DEFAULT_CREDIT_META_KEY,
    secret: '',
    hasSecret: false,
    otherConfig: {},
  };
}

function configOf(form: TargetForm): Record<string, string | number | boolean | null> {
  switch (form.kind) {
    case 'local-folder':
      return { ...form.otherConfig, folder: form.folder.trim() };
    case 'http-json':
      return { ...form.otherConfig, endpoint: form.endpoint.trim() };
    case 'wordpress':
      return {
        ...form.otherConfig,
        siteUrl: form.siteUrl.trim(),
        username: form.username.trim(),
        creditMetaKey: form.creditMetaKey.trim(),
      };
  }
}

function storeDescription(store: SecretStoreInfo): string {
  return store.kind === 'os-keychain'
    ? "Stored in your operating system's keychain, never in Copydesk's database."
    : "Stored in a local file in Copydesk's data folder, never in its database.";
}

interface PublishTargetsDialogProps {
  onClose(): void;
  /** Targets changed (the Publish dialog's "Publish to" list depends on them). */
  onChanged?(): void;
}

export function PublishTargetsDialog({ onClose, onChanged }: PublishTargetsDialogProps): React.JSX.Element {
  const [targets, setTargets] = useState<TargetSummary[] | null>(null);
  const [store, setStore] = useState<SecretStoreInfo | null>(null);
  const [form, setForm] = useState<TargetForm | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | 'remove' | 'default' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const ids = {
    kind: useId(),
    secretHint: useId(),
    folderHint: useId(),
    urlHint: useId(),
    metaHint: useId(),
  };

  const load = useCallback(async (selectId?: string | null): Promise<void> => {
    const result = await call('targets:list', {});
    if (!result.ok) {
      setLoadProblem(result.error.message);
      return;
    }
    setLoadProblem(null);
    setTargets(result.value.targets);
    setStore(result.value.secretStore);
    if (selectId === undefined) {
      const first = result.value.targets.find((target) => target.isDefault) ?? result.value.targets[0];
      setForm(first ? formOf(first) : null);
    } else if (selectId !== null) {
      const selected = result.value.targets.find((target) => target.id === selectId);
      setForm(selected ? formOf(selected) : null);
    } else {
      setForm(null);
    }
  }, []);

  useEffect(() => {
    void Promise.resolve().then(() => load());
  }, [load]);

  const select = (target: TargetSummary): void => {
    setForm(formOf(target));
    setMessage(null);
    setConfirmRemove(false);
  };

  const addTarget = (): void => {
    setForm(blankForm());
    setMessage(null);
    setConfirmRemove(false);
    // The form renders on the next frame; its first field is the kind, the name comes next.
    window.setTimeout(() => document.getElementById(ids.kind)?.focus(), 0);
  };

  const edit = (change: Partial<TargetForm>): void => {
    setForm((current) => (current ? { ...current, ...change } : current));
    setConfirmRemove(false);
  };

  const test = async (): Promise<void> => {
    if (!form) return;
    setBusy('test');
    setMessage({ kind: 'info', text: 'Testing the connection…' });
    const result = await call('targets:test', {
      ...(form.id ? { id: form.id } : {}),
      kind: form.kind,
      config: configOf(form),
      ...(form.secret !== '' ? { secret: form.secret } : {}),
    });
    setBusy(null);
    if (!result.ok) setMessage({ kind: 'error', text: result.error.message });
    else setMessage({ kind: result.value.ok ? 'ok' : 'error', text: result.value.message });
  };

  const save = async (): Promise<void> => {
    if (!form) return;
    setBusy('save');
    const result = await call('targets:save', {
      ...(form.id ? { id: form.id } : {}),
      kind: form.kind,
      name: form.name,
      config: configOf(form),
      ...(form.secret !== '' ? { secret: form.secret } : {}),
    });
    setBusy(null);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setMessage({ kind: 'ok', text: `Saved “${result.value.name}”.` });
    await load(result.value.id);
    onChanged?.();
  };

  const remove = async (): Promise<void> => {
    if (!form?.id) return;
    setBusy('remove');
    const result = await call('targets:remove', { id: form.id });
    setBusy(null);
    setConfirmRemove(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setMessage({ kind: 'ok', text: `Removed “${form.name}”.` });
    await load();
    onChanged?.();
  };

  const makeDefault = async (): Promise<void> => {
    if (!form?.id) return;
    setBusy('default');
    const result = await call('targets:setDefault', { id: form.id });
    setBusy(null);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setMessage({ kind: 'ok', text: `“${form.name}” is now the default target.` });
    await load(form.id);
    onChanged?.();
  };

  const secretLabel = form ? SECRET_LABELS[form.kind] : null;
  const saved = form?.id ? (targets?.find((target) => target.id === form.id) ?? null) : null;

  return (
    <ModalDialog title="Publish targets" onClose={onClose} className="targets-dialog">
      <div className="targets-layout">
        <section className="targets-list-column" aria-label="Targets">
          {loadProblem && (
            <p className="form-error" role="alert">
              {loadProblem}
            </p>
          )}
          {targets === null ? (
            !loadProblem && <p className="empty-state">Reading your targets…</p>
          ) : targets.length === 0 ? (
            <p className="empty-state">No publish targets yet. Add one to publish your articles.</p>
          ) : (
            <ul className="targets-list" aria-label="Publish targets">
              {targets.map((target) => (
                <li key={target.id}>
                  <button
                    type="button"
                    className={`target-item${form?.id === target.id ? ' selected' : ''}`}
                    aria-current={form?.id === target.id ? 'true' : undefined}
                    onClick={() => select(target)}
                  >
                    <span className="target-item-name">{target.name}</span>
                    <span className="target-item-kind">
                      {target.kindLabel}
                      {target.isDefault && <span className="target-default"> · Default</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={addTarget}>
            Add target
          </button>
        </section>
        <section className="target-form-column" aria-label="Target settings">
          {form === null ? (
            <p className="empty-state">Choose a target on the left, or add one.</p>
          ) : (
            <form
              className="target-form"
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              <h3 className="target-form-title">
                {form.id ? `Edit “${saved?.name ?? form.name}”` : 'New target'}
              </h3>
              <div className="field">
                <label className="field-label" htmlFor={ids.kind}>
                  Target kind
                </label>
                <select
                  id={ids.kind}
                  value={form.kind}
                  disabled={form.id !== null}
                  onChange={(event) => {
                    setMessage(null);
                    edit({ kind: event.target.value as TargetKind, secret: '' });
                  }}
                >
                  {TARGET_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {TARGET_KIND_LABELS[kind]}
                    </option>
                  ))}
                </select>
              </div>
              <label className="field">
                <span className="field-label">Target name</span>
                <input
                  type="text"
                  value={form.name}
                  maxLength={200}
                  placeholder={form.kind === 'wordpress' ? 'Our news site' : 'Where this goes'}
                  onChange={(event) => edit({ name: event.target.value })}
                />
              </label>
              {form.kind === 'local-folder' && (
                <div className="field">
                  <label className="field-label" htmlFor={`${ids.folderHint}-input`}>
                    Folder
                  </label>
                  <input
                    id={`${ids.folderHint}-input`}
                    type="text"
                    value={form.folder}
                    spellCheck={false}
                    aria-describedby={ids.folderHint}
                    onChange={(event) => edit({ folder: event.target.value })}
                  />
                  <span id={ids.folderHint} className="field-hint">
                    The full path of a folder. Each article goes into its own folder inside it, as a web page
                    with its images.
                  </span>
                </div>
              )}
              {form.kind === 'http-json' && (
                <div className="field">
                  <label className="field-label" htmlFor={`${ids.urlHint}-input`}>
                    Endpoint URL
                  </label>
                  <input
                    id={`${ids.urlHint}-input`}
                    type="url"
                    value={form.endpoint}
                    spellCheck={false}
                    placeholder="https://news.example.com/api/articles"
                    aria-describedby={ids.urlHint}
                    onChange={(event) => edit({ endpoint: event.target.value })}
                  />
                  <span id={ids.urlHint} className="field-hint">
                    Must start with https:// (http:// only for this computer).
                  </span>
                </div>
              )}
              {form.kind === 'wordpress' && (
                <>
                  <div className="field">
                    <label className="field-label" htmlFor={`${ids.urlHint}-input`}>
                      Site URL
                    </label>
                    <input
                      id={`${ids.urlHint}-input`}
                      type="url"
                      value={form.siteUrl}
                      spellCheck={false}
                      placeholder="https://news.example.com"
                      aria-describedby={ids.urlHint}
                      onChange={(event) => edit({ siteUrl: event.target.value })}
                    />
                    <span id={ids.urlHint} className="field-hint">
                      The address of the site’s home page; must start with https:// (http:// only for this
                      computer).
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
                </>
              )}
              {secretLabel && store && (
                <div className="field">
                  <label className="field-label" htmlFor={`${ids.secretHint}-input`}>
                    {secretLabel}
                  </label>
                  <input
                    id={`${ids.secretHint}-input`}
                    type="password"
                    value={form.secret}
                    autoComplete="new-password"
                    spellCheck={false}
                    placeholder={form.hasSecret ? 'Stored — type a new one to replace it' : ''}
                    aria-describedby={ids.secretHint}
                    onChange={(event) => edit({ secret: event.target.value })}
                  />
                  <div id={ids.secretHint} className="secret-note">
                    <p>
                      {form.hasSecret ? `A ${secretLabel.toLowerCase()} is stored. ` : ''}
                      {storeDescription(store)}
                    </p>
                    {store.warning && <p className="secret-warning">⚠ {store.warning}</p>}
                  </div>
                </div>
              )}
              {form.kind === 'wordpress' && (
                <div className="field">
                  <label className="field-label" htmlFor={`${ids.metaHint}-input`}>
                    Credit meta key
                  </label>
                  <input
                    id={`${ids.metaHint}-input`}
                    type="text"
                    value={form.creditMetaKey}
                    spellCheck={false}
                    aria-describedby={ids.metaHint}
                    onChange={(event) => edit({ creditMetaKey: event.target.value })}
                  />
                  <span id={ids.metaHint} className="field-hint">
                    Image credits also go into this attachment field when the site registers it. Leave empty
                    to send credits only in captions.
                  </span>
                </div>
              )}
              {message && (
                <p
                  className={`form-message form-message-${message.kind}`}
                  role={message.kind === 'error' ? 'alert' : 'status'}
                >
                  {message.text}
                </p>
              )}
              <div className="target-actions">
                <button type="button" disabled={busy !== null} onClick={() => void test()}>
                  Test connection
                </button>
                <button type="submit" className="primary" disabled={busy !== null}>
                  Save target
                </button>
                {form.id && !saved?.isDefault && (
                  <button type="button" disabled={busy !== null} onClick={() => void makeDefault()}>
                    Make default
                  </button>
                )}
                {form.id && (
                  <button
                    type="button"
                    className="danger-quiet"
                    disabled={busy !== null}
                    onClick={() => setConfirmRemove(true)}
                  >
                    Remove target
                  </button>
                )}
              </div>
              {confirmRemove && (
                <div className="confirm-remove" role="group" aria-label="Confirm removal">
                  <p>
                    Remove “{form.name}”? Its stored password or token is deleted too. Articles already
                    published stay where they are.
                  </p>
                  <button type="button" className="danger" onClick={() => void remove()}>
                    Yes, remove
                  </button>
                  <button type="button" onClick={() => setConfirmRemove(false)}>
                    Keep it
                  </button>
                </div>
              )}
            </form>
          )}
        </section>
      </div>
    </ModalDialog>
  );
}
