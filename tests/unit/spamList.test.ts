// The spam list (src-shared/spamList.ts): one rule for the pre-publish check
// and every importer, a shipped default, and what an editor types into it.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src-shared/checks/prePublishChecks';
import { spamDomainOf } from '../../src-shared/import/tracking';
import { DEFAULT_SPAM_LIST, normaliseSpamList, spamEntryFor } from '../../src-shared/spamList';
import { emptyMeta } from '../../src-shared/article';

describe('the spam list', () => {
  it('lists a domain and its subdomains, never a look-alike', () => {
    const list = normaliseSpamList(['Spam.Example', 'https://other.example/path?q=1', '*.third.example']);
    expect(list).toEqual(['spam.example', 'other.example', 'third.example']);
    expect(spamEntryFor('spam.example', list)).toBe('spam.example');
    expect(spamEntryFor('www.spam.example.', list)).toBe('spam.example');
    expect(spamEntryFor('notspam.example', list)).toBeNull();
    expect(spamEntryFor('spam.example.org', list)).toBeNull();
  });

  it('lists every host containing a *word* pattern, and keeps comments and junk out', () => {
    const list = normaliseSpamList(['# pharmacy spam', '*Cheap-Pills*', '', '*x*', 'bad*entry']);
    expect(list).toEqual(['*cheap-pills*']);
    expect(spamEntryFor('www.best-cheap-pills.example', list)).toBe('*cheap-pills*');
    expect(spamEntryFor('pharmacy.example', list)).toBeNull();
  });

  it('ships narrow patterns: injected casino and essay-mill links are caught, a news link about a casino is not', () => {
    const list = normaliseSpamList(DEFAULT_SPAM_LIST);
    expect(list.length).toBe(DEFAULT_SPAM_LIST.length);
    expect(spamEntryFor('play.best-online-casino.example', list)).toBe('*online-casino*');
    expect(spamEntryFor('cheap-essay-writing.example', list)).not.toBeNull();
    expect(spamEntryFor('www.casino-regulator.example', list)).toBeNull();
    expect(spamEntryFor('www.pharmacy-board.example', list)).toBeNull();
  });

  it('is the same rule in the pre-publish check and in import', () => {
    const list = normaliseSpamList(['spam.example', '*online-casino*']);
    const body = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Read on.' },
            {
              type: 'link',
              url: 'https://win.online-casino.example/',
              children: [{ type: 'text', text: 'x' }],
            },
          ],
        },
      ],
    };
    const findings = runChecks(
      { meta: { ...emptyMeta(), headline: 'A headline' }, body },
      { spamDomains: list },
    ).map((f) => f.id);
    expect(findings).toContain('link-spam');
    expect(spamDomainOf('https://win.online-casino.example/', list)).toBe('*online-casino*');
    expect(spamDomainOf('https://a.spam.example/x', list)).toBe('spam.example');
    expect(spamDomainOf('https://news.example/casino-story', list)).toBeNull();
  });
});
