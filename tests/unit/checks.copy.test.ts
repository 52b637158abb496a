import { describe, expect, it } from 'vitest';
import { runAllChecks } from '../../src-shared/checks/allChecks';
import { createCopyCheckCache, runCopyChecks, type Speller } from '../../src-shared/checks/copyChecks';
import { DEFAULT_HOUSE_STYLE, type HouseStyle } from '../../src-shared/checks/houseStyle';
import { blockText } from '../../src-shared/checks/textBlocks';
import { createSpeller } from '../../src-main/services/checks/speller';
import { link, list, meta, p, paragraph, root, text } from '../support/checksArticle';

const style: HouseStyle = DEFAULT_HOUSE_STYLE;
const check = (body = root(p('A quiet evening on the quay.')), overrides = {}, speller?: Speller) =>
  runCopyChecks({ meta: meta(overrides), body }, { style, ...(speller ? { speller } : {}) });
const ofKind = (findings: ReturnType<typeof check>, id: string) => findings.filter((f) => f.id === id);

describe('copy checks', () => {
  it('finds a seeded misspelling and suggests the word (Hunspell en-US)', async () => {
    const speller = await createSpeller('en-US', []);
    const body = root(p('The committee showed poor judegment when it stopped the parade.'));
    const result = runAllChecks({ meta: meta(), body }, { spamDomains: [], style, speller });
    const spelling = result.findings.filter((f) => f.id === 'spelling');
    expect(spelling.map((f) => f.word)).toEqual(['judegment']);
    expect(spelling[0]!.location).toMatchObject({ field: 'body', nodeIndex: 0, text: 'judegment' });
    expect(spelling[0]!.place).toBe('Body, paragraph 1');
    expect(speller.suggest('judegment')).toContain('judgment');
  });

  it('accepts a word once it is in the extra word list, and en-GB spellings only in en-GB', async () => {
    const us = await createSpeller('en-US', ['Quayside']);
    const gb = await createSpeller('en-GB', []);
    expect(us.correct('quayside')).toBe(true);
    expect(us.correct('colour')).toBe(false);
    expect(gb.correct('colour')).toBe(true);
  });

  it('flags one proper noun spelled two ways without any list, offering the commoner spelling', () => {
    const body = root(
      p('Residents of Marlowby gathered at dawn.'),
      p('The mayor of Marlowby spoke first.'),
      p('Later, Marlowbi fell silent.'),
    );
    const findings = ofKind(check(body, { headline: 'Marlowby remembers' }), 'name-variant');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      location: { field: 'body', nodeIndex: 2, text: 'Marlowbi' },
      fix: { label: 'Replace with Marlowby', replacement: 'Marlowby' },
    });
  });

  it('does not pair a name with its adjective or two dictionary words', async () => {
    const speller = await createSpeller('en-US', []);
    const body = root(p('Azerbaijan and the Azerbaijani embassy. They met Then.'));
    expect(ofKind(check(body, {}, speller), 'name-variant')).toEqual([]);
  });

  it('applies the house style sheet: preferred spelling with its fix, forbidden words with the reason', () => {
    const body = root(p('Send an E-mail to the Khojali memorial committee, irregardless of the hour.'));
    const findings = check(body);
    expect(
      ofKind(findings, 'style-preferred')
        .map((f) => f.fix?.replacement)
        .sort(),
    ).toEqual(['Email', 'Khojaly']);
    const forbidden = ofKind(findings, 'style-forbidden');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0]!.message).toContain('regardless');
  });

  it('finds TK markers through the pre-publish list in every field and the body', () => {
    const result = runAllChecks(
      { meta: meta({ standfirst: 'Figures TK' }), body: root(p('The toll was TK.')) },
      { spamDomains: [], style },
    );
    expect(result.findings.filter((f) => f.id === 'tk-marker').map((f) => f.place)).toEqual([
      'Standfirst',
      'Body, paragraph 1',
    ]);
  });

  it('finds repeated words and offers to drop the second', () => {
    const findings = ofKind(
      check(root(p('It was the the longest night. He had had enough.'))),
      'repeated-word',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.location.text).toBe('the the');
    expect(findings[0]!.fix).toEqual({ label: 'Remove the second “the”', replacement: 'the' });
  });

  it('finds double spaces, the numbers rule and over-long headline and standfirst', () => {
    const findings = check(
      root(p('Boats left  at dawn. 3 crews rowed and 12 crews watched on March 3 for 5 million.')),
      {
        headline: 'x'.repeat(81),
        standfirst: 'y'.repeat(251),
      },
    );
    expect(ofKind(findings, 'double-space')).toHaveLength(1);
    expect(ofKind(findings, 'number-style').map((f) => f.fix?.replacement)).toEqual(['Three']);
    expect(ofKind(findings, 'headline-length')).toHaveLength(1);
    expect(ofKind(findings, 'standfirst-length')).toHaveLength(1);
  });

  it('gives each body block a text whose offsets a fix can find (links inline, list items on new lines)', () => {
    expect(
      blockText(paragraph(text('Read '), link('https://example.org', 'the report'), text(' now.'))),
    ).toBe('Read the report now.');
    expect(blockText(list('bullet', 'one', 'two'))).toBe('one\ntwo');
  });

  it('hides an ignored finding but never a blocking one', () => {
    const body = root(p('It was the the end. TK'));
    const keys = runAllChecks({ meta: meta(), body }, { spamDomains: [], style }).findings.map((f) => f.key);
    const ignored = new Set(keys);
    const result = runAllChecks({ meta: meta(), body }, { spamDomains: [], style, ignored });
    expect(result.findings.every((f) => f.severity === 'blocking')).toBe(true);
    expect(result.findings.map((f) => f.id)).toContain('tk-marker');
    expect(result.ignored.map((f) => f.id)).toContain('repeated-word');
  });

  it('gives the same findings from a cache of earlier runs as from a fresh run, after edits', async () => {
    const speller = await createSpeller('en-US', []);
    const cache = createCopyCheckCache();
    const versions = [
      root(p('Marlowby voted.'), p('The the vote in Marlowby was close.'), p('A lanturn fell.')),
      root(p('Marlowby voted.'), p('The vote in Marlowbi was close.'), p('A lanturn fell.')),
      root(p('Marlowbi voted.'), p('The vote in Marlowbi was close.'), p('A lantern  fell in Marlowby.')),
      root(p('A lantern fell in Marlowby.'), p('Marlowbi voted.')),
    ];
    for (const body of versions) {
      const article = { meta: meta(), body };
      const cached = runCopyChecks(article, { style, speller }, cache);
      expect(cached).toEqual(runCopyChecks(article, { style, speller }));
    }
    expect(cache.texts.size).toBe(5 + 2);
  });
});
