import { describe, expect, it } from 'vitest';
import { splitCaptionCredit } from '../../src-shared/captionCredit';

describe('splitCaptionCredit', () => {
  it.each([
    [
      'Fishing boats rest on the shingle at low tide (Credit: Orla Brennan/WikiCommons)',
      'Fishing boats rest on the shingle at low tide',
      'Orla Brennan/WikiCommons',
    ],
    [
      'A tram crosses the river bridge at dawn [Photo: Tomas Vale]',
      'A tram crosses the river bridge at dawn',
      'Tomas Vale',
    ],
    [
      'Volunteers stack sandbags along the levee. Photo: AP',
      'Volunteers stack sandbags along the levee.',
      'AP',
    ],
    [
      'Volunteers stack sandbags along the levee Photo: AP',
      'Volunteers stack sandbags along the levee',
      'AP',
    ],
    ['The new library opened on Monday. Credit: Reuters', 'The new library opened on Monday.', 'Reuters'],
    ['The new library opened on Monday. Credit: Reuters.', 'The new library opened on Monday.', 'Reuters'],
    ['Goats graze above the quarry. Picture: Hal Penrose', 'Goats graze above the quarry.', 'Hal Penrose'],
    [
      'Goats graze above the quarry — Photograph: Hal Penrose/Getty Images',
      'Goats graze above the quarry',
      'Hal Penrose/Getty Images',
    ],
    ['Night market in the old town. Photo by Lin Osei', 'Night market in the old town.', 'Lin Osei'],
    ['Night market in the old town. Photo credit: Lin Osei', 'Night market in the old town.', 'Lin Osei'],
    [
      'Night market in the old town. Courtesy of the City Archive',
      'Night market in the old town.',
      'the City Archive',
    ],
    ['Snow on the ridge above the pass © Ines Calder', 'Snow on the ridge above the pass', 'Ines Calder'],
    [
      'Snow on the ridge above the pass (© 2019 Ines Calder)',
      'Snow on the ridge above the pass',
      'Ines Calder',
    ],
    ['Riders wait at the start line. Mira Kade/AFP', 'Riders wait at the start line.', 'Mira Kade/AFP'],
    ['Riders wait at the start line | AFP/Getty Images', 'Riders wait at the start line', 'AFP/Getty Images'],
    ['Credit: Reuters', '', 'Reuters'],
    ['Portrait of the mayor. Photo: J. R. Okafor.', 'Portrait of the mayor.', 'J. R. Okafor'],
    ['Portrait of the mayor. Photo: Okafor J.', 'Portrait of the mayor.', 'Okafor J.'],
  ])('splits %j', (input, caption, credit) => {
    expect(splitCaptionCredit(input)).toEqual({ caption, credit });
  });

  it.each([
    'Credit card debt rose in May',
    'Credit card debt rose in May, the central bank said.',
    'A photo of the harbour taken from the lighthouse',
    'The bank tightened credit: lending to small firms fell',
    'Families say the photo by the gate is the last one of the old mill',
    'Lending fell. Credit: see the chart below for how the year went in each region of the country and beyond it',
    'Commuters queue for the ferry at 7/8 past the hour',
    'Students share notes on page 4/5 of the report',
    'Section (c) of the rules applies to all members',
  ])('keeps %j whole', (input) => {
    expect(splitCaptionCredit(input)).toEqual({ caption: input, credit: null });
  });

  it('trims the input and returns an empty caption for blank text', () => {
    expect(splitCaptionCredit('   ')).toEqual({ caption: '', credit: null });
    expect(splitCaptionCredit('  A quiet lane  ')).toEqual({ caption: 'A quiet lane', credit: null });
  });

  it('takes the credit at the end when a label also appears earlier in a sentence', () => {
    expect(splitCaptionCredit('Photo: the winning entry, a heron at dusk. Credit: Saul Imre')).toEqual({
      caption: 'Photo: the winning entry, a heron at dusk.',
      credit: 'Saul Imre',
    });
  });
});
