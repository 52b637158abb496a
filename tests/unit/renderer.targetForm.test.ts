// The "Publish targets" form model (src-renderer/publish/targetForm.ts):
// validation, switching kinds, dirty state, and what it sends to the channels.
import { describe, expect, it } from 'vitest';
import { publishChannels, type TargetSummary } from '../../src-shared/ipc/publishChannels';
import {
  blankForm,
  DEFAULT_CREDIT_META_KEY,
  formOf,
  isDirty,
  saveInput,
  switchKind,
  testInput,
  validateForm,
} from '../../src-renderer/publish/targetForm';

const wordpressTarget: TargetSummary = {
  id: 'target-wordpress-1',
  kind: 'wordpress',
  kindLabel: 'WordPress',
  name: 'Our news site',
  config: { siteUrl: 'https://news.example.com', username: 'editor', creditMetaKey: 'credit', extra: 7 },
  isDefault: false,
  hasSecret: true,
  needsSecret: true,
  createdAt: 1,
  updatedAt: 2,
};

describe('validation', () => {
  it('a blank form of each kind names its required fields, in the words the services use', () => {
    expect(validateForm(blankForm('local-folder'))).toEqual({
      name: 'Give the target a name.',
      folder: 'Choose the folder to publish into.',
    });
    expect(validateForm(blankForm('http-json'))).toEqual({
      name: 'Give the target a name.',
      endpoint: 'Enter the endpoint URL.',
    });
    expect(validateForm(blankForm('wordpress'))).toEqual({
      name: 'Give the target a name.',
      siteUrl: 'Enter the site URL, e.g. https://news.example.com',
      username: 'Enter the WordPress username the application password belongs to.',
    });
  });

  it('a filled form has no problems; a credit meta key with a space is one', () => {
    const form = formOf(wordpressTarget);
    expect(validateForm(form)).toEqual({});
    expect(validateForm({ ...form, creditMetaKey: 'photo credit' })).toEqual({
      creditMetaKey: 'The credit meta key may hold only letters, digits, "_" and "-".',
    });
    // Only the fields of the form's kind count: an empty folder does not matter to WordPress.
    expect(validateForm({ ...form, folder: '' })).toEqual({});
  });
});

describe('switching kinds', () => {
  it('a new target keeps its name, drops the typed secret, and sends only the new kind’s settings', () => {
    const typed = {
      ...blankForm('http-json'),
      name: 'Wire',
      endpoint: 'https://api.example.com/a',
      secret: 't0k',
    };
    const switched = switchKind(typed, 'wordpress');
    expect(switched).toMatchObject({ kind: 'wordpress', name: 'Wire', secret: '' });
    expect(saveInput(switched).config).toEqual({
      siteUrl: '',
      username: '',
      creditMetaKey: DEFAULT_CREDIT_META_KEY,
    });
  });

  it('a saved target keeps its kind', () => {
    const form = formOf(wordpressTarget);
    expect(switchKind(form, 'local-folder')).toBe(form);
  });
});

describe('dirty state', () => {
  it('a saved target as loaded is clean; a changed name, setting or typed password makes it dirty', () => {
    const form = formOf(wordpressTarget);
    expect(isDirty(form, wordpressTarget)).toBe(false);
    expect(isDirty({ ...form, name: 'Renamed' }, wordpressTarget)).toBe(true);
    expect(isDirty({ ...form, siteUrl: 'https://other.example.com' }, wordpressTarget)).toBe(true);
    expect(isDirty({ ...form, secret: 'new pass' }, wordpressTarget)).toBe(true);
    // Another kind's field is not part of this target.
    expect(isDirty({ ...form, folder: '/tmp/x' }, wordpressTarget)).toBe(false);
  });

  it('a new target is clean until something is typed, whatever kind is chosen', () => {
    expect(isDirty(blankForm(), null)).toBe(false);
    expect(isDirty(switchKind(blankForm(), 'wordpress'), null)).toBe(false);
    expect(isDirty({ ...blankForm('http-json'), endpoint: 'https://x.example' }, null)).toBe(true);
  });
});

describe('what the form sends', () => {
  it('save and test inputs pass the channels’ own schemas, keeping settings the form does not show', () => {
    const form = { ...formOf(wordpressTarget), siteUrl: '  https://news.example.com  ', secret: 'abcd efgh' };
    const save = saveInput(form);
    expect(save.config).toEqual({
      siteUrl: 'https://news.example.com',
      username: 'editor',
      creditMetaKey: 'credit',
      extra: 7,
    });
    expect(publishChannels['targets:save'].input.safeParse(save).success).toBe(true);
    const test = testInput(form);
    expect(test).not.toHaveProperty('name');
    expect(publishChannels['targets:test'].input.safeParse(test).success).toBe(true);
    expect(saveInput(formOf(wordpressTarget))).not.toHaveProperty('secret');
  });
});
