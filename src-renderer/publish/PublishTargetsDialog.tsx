// The "Publish targets" dialog: the list of targets (the default marked) and
// a form to add, edit, test, remove or make one the default. Passwords and
// tokens are write-only: the services only say whether one is stored. The
// form's data and rules are in targetForm.ts; each kind's fields are one
// component in targets/. Leaving a form with unsaved edits (choosing another
// target, or "Add target") asks first.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { TargetSummary } from '../../src-shared/ipc/publishChannels';
import { TARGET_KIND_LABELS, TARGET_KINDS, type TargetKind } from '../../src-shared/ipc/publishVocabulary';
import { call } from '../api';
import { ModalDialog } from './ModalDialog';
import {
  blankForm,
  formOf,
  isDirty,
  saveInput,
  switchKind,
  testInput,
  validateForm,
  type SecretStoreInfo,
  type TargetForm,
} from './targetForm';
import { HttpJsonFields } from './targets/HttpJsonFields';
import type { KindFieldsProps } from './targets/kindFieldsProps';
import { LocalFolderFields } from './targets/LocalFolderFields';
import { WordPressFields } from './targets/WordPressFields';

export { DEFAULT_CREDIT_META_KEY } from './targetForm';

/** One fields component per target kind. */
const KIND_FIELDS: Record<TargetKind, (props: KindFieldsProps) => React.JSX.Element> = {
  'local-folder': LocalFolderFields,
  'http-json': HttpJsonFields,
  wordpress: WordPressFields,
};

type Message = { kind: 'ok' | 'error' | 'info'; text: string };

/** Where the editor asked to go while the form had unsaved edits. */
type Leave = { to: 'target'; target: TargetSummary } | { to: 'new' };

export interface PublishTargetsDialogProps {
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
  const [leaving, setLeaving] = useState<Leave | null>(null);
  const keepEditing = useRef<HTMLButtonElement>(null);
  const ids = { kind: useId() };

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

  const saved = form?.id ? (targets?.find((target) => target.id === form.id) ?? null) : null;
  const dirty = form !== null && isDirty(form, saved);

  useEffect(() => {
    if (leaving) keepEditing.current?.focus();
  }, [leaving]);

  const go = (leave: Leave): void => {
    setLeaving(null);
    setMessage(null);
    setConfirmRemove(false);
    if (leave.to === 'target') {
      setForm(formOf(leave.target));
      return;
    }
    setForm(blankForm());
    // The form renders on the next frame; its first field is the kind, the name comes next.
    window.setTimeout(() => document.getElementById(ids.kind)?.focus(), 0);
  };

  /** Goes there at once, or first asks whether to discard the unsaved edits. */
  const leaveTo = (leave: Leave): void => {
    if (leave.to === 'target' && form?.id === leave.target.id) return;
    if (dirty) setLeaving(leave);
    else go(leave);
  };

  const edit = (change: Partial<TargetForm>): void => {
    setForm((current) => (current ? { ...current, ...change } : current));
    setConfirmRemove(false);
  };

  const test = async (): Promise<void> => {
    if (!form) return;
    setBusy('test');
    setMessage({ kind: 'info', text: 'Testing the connection…' });
    const result = await call('targets:test', testInput(form));
    setBusy(null);
    if (!result.ok) setMessage({ kind: 'error', text: result.error.message });
    else setMessage({ kind: result.value.ok ? 'ok' : 'error', text: result.value.message });
  };

  const save = async (): Promise<void> => {
    if (!form) return;
    const problem = Object.values(validateForm(form))[0];
    if (problem !== undefined) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    setBusy('save');
    const result = await call('targets:save', saveInput(form));
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

  const KindFields = form ? KIND_FIELDS[form.kind] : null;

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
                    onClick={() => leaveTo({ to: 'target', target })}
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
          <button type="button" onClick={() => leaveTo({ to: 'new' })}>
            Add target
          </button>
        </section>
        <section className="target-form-column" aria-label="Target settings">
          {leaving && form && (
            <div className="confirm-remove confirm-leave" role="group" aria-label="Unsaved changes">
              <p>
                {form.id ? `“${saved?.name ?? form.name}”` : 'The new target'} has changes that are not saved.
                Discard them?
              </p>
              <button type="button" className="danger" onClick={() => go(leaving)}>
                Discard changes
              </button>
              <button type="button" ref={keepEditing} onClick={() => setLeaving(null)}>
                Keep editing
              </button>
            </div>
          )}
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
                    const kind = TARGET_KINDS.find((known) => known === event.target.value);
                    if (kind) setForm((current) => (current ? switchKind(current, kind) : current));
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
              {KindFields && <KindFields form={form} edit={edit} store={store} />}
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
