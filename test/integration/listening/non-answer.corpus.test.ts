import fs from 'node:fs';
import path from 'node:path';
import { detectNonAnswer } from '../../../src/listening/non-answer-cues.loader';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'classifier');
/** Labels of lines that are not answers to begin with; every other label is a theme someone really talked about. */
const NOT_ANSWERS = new Set(['other', 'non-answer']);

function jsonlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonlFiles(full);
    return entry.name.endsWith('.jsonl') ? [full] : [];
  });
}

/** Every labelled real answer the classifier's sets hold, wherever they are kept in the fixtures folder. */
function realAnswers(): Array<{ file: string; text: string; theme: string }> {
  return jsonlFiles(FIXTURES).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { text: string; theme: string })
      .filter((row) => !NOT_ANSWERS.has(row.theme))
      .map((row) => ({ file: path.relative(FIXTURES, file), text: row.text, theme: row.theme })),
  );
}

describe('non-answers against the classifier corpora', () => {
  const answers = realAnswers();

  it('finds the corpora (so the property below is not checked on nothing)', () => {
    expect(answers.length).toBeGreaterThan(300);
  });

  // Written by other people for another purpose, so none of them was chosen to suit the cues.
  it('reads none of the labelled real answers as a non-answer', () => {
    const misread = answers.flatMap(({ file, text, theme }) => {
      const kind = detectNonAnswer(text);
      return kind === null ? [] : [`${file} (${theme}): "${text}" read as ${kind}`];
    });
    expect(misread).toEqual([]);
  });
});
