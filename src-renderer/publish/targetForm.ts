// The "Publish targets" form as plain data, no React: the form of a saved
// target or a new one, switching kinds, what it sends to the services, whether
// it holds unsaved edits, and the checks that need no round trip. The dialog
// (PublishTargetsDialog.tsx) and one small component per kind (targets/) render
// it. The services validate again; their messages are the same words.
import type { TargetSummary } from '../../src-shared/ipc/publishChannels';
import type { TargetKind } from '../../src-shared/ipc/publishVocabulary';

export const DEFAULT_CREDIT_META_KEY = 'copydesk_credit';

/** The label of the password/token field of each kind; null for kinds without one. */
export const SECRET_LABELS = {
  'local-folder': null,
  'http-json': 'Token',
  wordpress: 'Application password',
} as const satisfies Record<TargetKind, string | null>;

export interface SecretStoreInfo {
  kind: 'os-keychain' | 'browser-shell-file';
  warning: string | null;
}

type ConfigValue = string | number | boolean | null;

export interface TargetForm {
  /** Null for a target not saved yet. */
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
  otherConfig: Record<string, ConfigValue>;
}

/** The fields the form edits; `validateForm` reports problems by these names. */
export type TargetField = 'name' | 'folder' | 'endpoint' | 'siteUrl' | 'username' | 'creditMetaKey';

const FORM_CONFIG_KEYS = new Set<string>(['folder', 'endpoint', 'siteUrl', 'username', 'creditMetaKey']);

function stringConfig(config: TargetSummary['config'], key: string, fallback = ''): string {
  const value = config[key];
  return typeof value === 'string' ? value : fallback;
}

/** The form of a saved target. */
export function formOf(target: TargetSummary): TargetForm {
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

/** The form of a new target. */
export function blankForm(kind: TargetKind = 'local-folder'): TargetForm {
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

/**
 * Another kind for a new target: what was typed in the fields both kinds share
 * (the name) stays, the password or token is cleared (it belonged to the other
 * kind). A saved target keeps its kind (the services refuse a change).
 */
export function switchKind(form: TargetForm, kind: TargetKind): TargetForm {
  if (form.id !== null || form.kind === kind) return form;
  return { ...form, kind, secret: '' };
}

/** The non-secret settings sent for the form's kind (other kinds' fields are not sent). */
export function configOf(form: TargetForm): Record<string, ConfigValue> {
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

/** What "Save target" sends (targets:save). */
export function saveInput(form: TargetForm): {
  id?: string;
  kind: TargetKind;
  name: string;
  config: Record<string, ConfigValue>;
  secret?: string;
} {
  return {
    ...(form.id ? { id: form.id } : {}),
    kind: form.kind,
    name: form.name,
    config: configOf(form),
    ...(form.secret !== '' ? { secret: form.secret } : {}),
  };
}

/** What "Test connection" sends (targets:test): the unsaved settings, with the saved target's id if any. */
export function testInput(form: TargetForm): {
  id?: string;
  kind: TargetKind;
  config: Record<string, ConfigValue>;
  secret?: string;
} {
  return {
    ...(form.id ? { id: form.id } : {}),
    kind: form.kind,
    config: configOf(form),
    ...(form.secret !== '' ? { secret: form.secret } : {}),
  };
}

/**
 * True when the form holds edits that "Save target" would send: the name, the
 * settings of its kind or a typed password differ from the saved target (or,
 * for a new target, from a blank form of its kind).
 */
export function isDirty(form: TargetForm, saved: TargetSummary | null): boolean {
  const baseline =
    form.id !== null && saved !== null && saved.id === form.id ? formOf(saved) : blankForm(form.kind);
  return (
    form.secret !== '' ||
    form.name !== baseline.name ||
    JSON.stringify(configOf(form)) !== JSON.stringify(configOf(baseline))
  );
}

/**
 * The problems "Save target" can find without asking the services: required
 * fields left empty and a malformed credit meta key, in the order of the form.
 * Addresses are checked by the services (they know the https policy).
 */
export function validateForm(form: TargetForm): Partial<Record<TargetField, string>> {
  const problems: Partial<Record<TargetField, string>> = {};
  if (form.name.trim() === '') problems.name = 'Give the target a name.';
  switch (form.kind) {
    case 'local-folder':
      if (form.folder.trim() === '') problems.folder = 'Choose the folder to publish into.';
      break;
    case 'http-json':
      if (form.endpoint.trim() === '') problems.endpoint = 'Enter the endpoint URL.';
      break;
    case 'wordpress':
      if (form.siteUrl.trim() === '') problems.siteUrl = 'Enter the site URL, e.g. https://news.example.com';
      if (form.username.trim() === '')
        problems.username = 'Enter the WordPress username the application password belongs to.';
      if (!/^[A-Za-z0-9_-]*$/.test(form.creditMetaKey.trim()))
        problems.creditMetaKey = 'The credit meta key may hold only letters, digits, "_" and "-".';
      break;
  }
  return problems;
}

/** Where a stored password or token lives, in words. */
export function storeDescription(store: SecretStoreInfo): string {
  return store.kind === 'os-keychain'
    ? "Stored in your operating system's keychain, never in Copydesk's database."
    : "Stored in a local file in Copydesk's data folder, never in its database.";
}
