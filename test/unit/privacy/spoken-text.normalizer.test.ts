import { buildTextView, MASK } from '../../../src/privacy/spoken-text.normalizer';

/** The original text a view range stands for. */
function originalOf(original: string, view: ReturnType<typeof buildTextView>, start: number, end: number): string {
  return original.slice(view.from[start], view.to[end - 1]);
}

describe('buildTextView', () => {
  it('lower-cases and collapses whitespace while keeping one entry per view character', () => {
    const original = 'Call  ME\tnow';
    const view = buildTextView(original);
    expect(view.text).toBe('call me now');
    expect(view.from).toHaveLength(view.text.length);
    expect(view.to).toHaveLength(view.text.length);
    expect(originalOf(original, view, 4, 5)).toBe('  ');
  });

  it.each([
    ['oh seven seven zero zero nine zero zero one two three', '07700900123'],
    ['zero seven seven double oh nine double oh one two three', '07700900123'],
    ['triple five', '555'],
    ['oh eight hundred', '0800'],
    ['forty two baker street', '42 baker street'],
    ['forty-two', '42'],
    ['twenty nineteen', '2019'],
    ['plus four four seven', '+ 447'],
    ['one two three dash four five', '123 - 45'],
  ])('reads %j as %j', (spoken, expected) => {
    expect(buildTextView(spoken).text).toBe(expected);
  });

  it('leaves a lone unit word and ordinary uses of "plus", "dash" and "oh" alone', () => {
    expect(buildTextView('i have two kids').text).toBe('i have two kids');
    expect(buildTextView('oh well').text).toBe('oh well');
    expect(buildTextView('the plus side').text).toBe('the plus side');
    expect(buildTextView('a dash of milk').text).toBe('a dash of milk');
  });

  it('maps converted digits back to the words they came from', () => {
    const original = 'call oh seven double seven now';
    const view = buildTextView(original);
    expect(view.text).toBe('call 0777 now');
    expect(originalOf(original, view, 5, 9)).toBe('oh seven double seven');
    expect(originalOf(original, view, 7, 9)).toBe('double seven');
  });

  it('ends a spoken run at punctuation and keeps the punctuation', () => {
    const view = buildTextView('four one five, five five five');
    expect(view.text).toBe('415, 555');
  });

  it('masks existing placeholders so detectors never read them', () => {
    const view = buildTextView('mail [EMAIL] now');
    expect(view.text).toBe(`mail ${MASK.repeat(7)} now`);
  });
});
