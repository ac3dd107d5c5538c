import { countWords } from '../../../src/interview/words';

describe('countWords', () => {
  it.each([
    ['i want a house', 4],
    ['  spaced   out\tand\nsplit  ', 4],
    ['call me on [PHONE]', 4],
    ['', 0],
    ['   ', 0],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});
