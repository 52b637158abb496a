import { describe, expect, it } from 'vitest';
import { formatEditedAt, formatWordCount, parseTags } from '../../src-renderer/format';
import { checkLinkInput, isAllowedLinkUrl } from '../../src-renderer/editor/linkUrl';

describe('word count wording', () => {
  it('groups thousands and shows reading time', () => {
    expect(formatWordCount(1234)).toBe('1,234 words · 5 min read');
  });
  it('says "word" for one word and rounds reading time up to a minute', () => {
    expect(formatWordCount(1)).toBe('1 word · 1 min read');
  });
  it('says there is nothing to read for an empty body', () => {
    expect(formatWordCount(0)).toBe('0 words · nothing to read yet');
  });
});

describe('edited-at wording', () => {
  const now = new Date(2024, 5, 15, 16, 0).getTime();
  it('shows the clock time for today', () => {
    expect(formatEditedAt(new Date(2024, 5, 15, 14, 2).getTime(), now)).toBe('14:02');
  });
  it('shows day and month for earlier this year, and the year before that', () => {
    expect(formatEditedAt(new Date(2024, 1, 26, 9, 0).getTime(), now)).toBe('26 Feb');
    expect(formatEditedAt(new Date(2021, 1, 26, 9, 0).getTime(), now)).toBe('26 Feb 2021');
  });
});

describe('tags', () => {
  it('splits on commas, trims, drops empties and case-insensitive duplicates', () => {
    expect(parseTags(' Baku , opinion,, baku ,Europe  news', 50, 80)).toEqual([
      'Baku',
      'opinion',
      'Europe news',
    ]);
  });
  it('caps the count and length', () => {
    expect(parseTags('a,b,c', 2, 80)).toEqual(['a', 'b']);
    expect(parseTags('abcdef', 5, 3)).toEqual(['abc']);
  });
});

describe('link addresses', () => {
  it.each(['https://example.com', 'http://example.com/a?b=1', 'mailto:desk@example.com'])(
    'accepts %s',
    (url) => {
      expect(checkLinkInput(url)).toEqual({ ok: true, url });
    },
  );
  it('adds https:// to a bare host and mailto: to an email address', () => {
    expect(checkLinkInput('example.com/story')).toEqual({ ok: true, url: 'https://example.com/story' });
    expect(checkLinkInput('desk@example.com')).toEqual({ ok: true, url: 'mailto:desk@example.com' });
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'ftp://x.org',
  ])('refuses %s with a message naming the allowed kinds', (url) => {
    const check = checkLinkInput(url);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain('http://, https:// or mailto:');
  });
  it('refuses text that is not an address', () => {
    expect(checkLinkInput('hello there').ok).toBe(false);
    expect(checkLinkInput('   ').ok).toBe(false);
  });
  it('does not treat a mailto without an address as allowed', () => {
    expect(isAllowedLinkUrl('mailto:')).toBe(false);
  });
});
