import { z } from 'zod';
import type { Classification, ThemeClassifier } from './classifier.types';
import { NON_ANSWER_LABEL, NON_ANSWER_THRESHOLD } from './theme.contract';
import { readValidatedJsonLines } from '../content/validated-json.reader';

/**
 * Evaluation over a labelled set, shared by the accuracy test and the bench so both report the
 * same figures. The set grows from real (redacted) answers over time, one JSON object per line.
 */

const exampleSchema = z.object({
  text: z.string().min(1),
  /** The primary theme a reviewer would tag, `no-concern`, `other`, or `non-answer`. */
  theme: z.string().min(1),
  /** Secondary themes a reviewer would also accept in the ranking. */
  also: z.array(z.string()).default([]),
  /** The lens of the question the utterance answers, passed to the classifier as context. */
  lens: z.enum(['dream', 'fear', 'frustration']).optional(),
});

export type LabelledExample = z.infer<typeof exampleSchema>;

export interface EvaluationMiss {
  text: string;
  expected: string;
  got: string[];
}

export interface EvaluationResult {
  domain: string;
  n: number;
  top1: number;
  top2: number;
  misses: EvaluationMiss[];
}

/** Reads a `.jsonl` labelled set; a bad line fails with the file and line number. */
export function loadLabelledSet(file: string): LabelledExample[] {
  return readValidatedJsonLines(file, exampleSchema);
}

/**
 * The classifier's answer as one ranked list of labels: `non-answer` first when it judged the
 * utterance to carry nothing, then its themes.
 */
export function rankedLabels(classification: Classification): string[] {
  const themes = classification.themes.map((t) => t.id);
  return (classification.nonAnswer ?? 0) >= NON_ANSWER_THRESHOLD ? [NON_ANSWER_LABEL, ...themes] : themes;
}

/** Top-1: the best label is the labelled one. Top-2: the labelled one is among the first two. */
export function evaluate(classifier: ThemeClassifier, domain: string, examples: readonly LabelledExample[]): EvaluationResult {
  let top1 = 0;
  let top2 = 0;
  const misses: EvaluationMiss[] = [];
  for (const example of examples) {
    const ranked = rankedLabels(classifier.classify(domain, example.text, example.lens ? { lens: example.lens } : undefined));
    if (ranked[0] === example.theme) top1 += 1;
    else misses.push({ text: example.text, expected: example.theme, got: ranked });
    if (ranked.slice(0, 2).includes(example.theme)) top2 += 1;
  }
  const n = examples.length;
  return { domain, n, top1: n === 0 ? 0 : top1 / n, top2: n === 0 ? 0 : top2 / n, misses };
}
