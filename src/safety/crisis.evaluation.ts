import { z } from 'zod';
import { DISTRESS_CATEGORIES, type DistressAssessment } from './distress.types';
import { readValidatedJsonLines } from '../content/validated-json.reader';

/**
 * The labelled crisis set format and its figures, shared by the tests, the training script, the
 * evaluation CLI and the bench so they all report the same numbers. One JSON object a line:
 * {"text","crisis","category","locale"}; crisis lines carry a distress category, the others
 * near-miss (figurative speech with crisis-like words), negative (hard but ordinary) or plain.
 */

export const NEGATIVE_CATEGORIES = ['near-miss', 'negative', 'plain'] as const;

const exampleSchema = z
  .strictObject({
    text: z.string().min(1),
    crisis: z.boolean(),
    category: z.enum([...DISTRESS_CATEGORIES, ...NEGATIVE_CATEGORIES]),
    locale: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'must be a locale such as en-GB'),
  })
  .refine((e) => e.crisis === (DISTRESS_CATEGORIES as readonly string[]).includes(e.category), {
    message: 'crisis must be true exactly for the distress categories',
    path: ['category'],
  });

export type CrisisExample = z.infer<typeof exampleSchema>;

/**
 * For sets written elsewhere (a held-out set): only the text and the crisis label are required;
 * any category name is kept as written (missing: "crisis" or "not crisis"), a missing locale is en-GB.
 */
const lenientSchema = z
  .looseObject({
    text: z.string().min(1),
    crisis: z.boolean(),
    category: z.string().min(1).optional(),
    locale: z.string().min(2).optional(),
  })
  .transform((e) => ({
    text: e.text,
    crisis: e.crisis,
    category: (e.category ?? (e.crisis ? 'crisis' : 'not crisis')) as CrisisExample['category'],
    locale: e.locale ?? 'en-GB',
  }));

export interface LoadSetOptions {
  /** Accept any category name and no locale (for sets this project did not write). Default false. */
  lenient?: boolean;
}

/** Reads a `.jsonl` set; a bad line fails with the file and line number. */
export function loadCrisisSet(file: string, options: LoadSetOptions = {}): CrisisExample[] {
  const schema = options.lenient ? lenientSchema : exampleSchema;
  return readValidatedJsonLines(file, schema) as CrisisExample[];
}

export interface CategoryFigures {
  category: string;
  /** Whether the answers of this category are crisis answers. */
  crisis: boolean;
  n: number;
  /** Crisis categories: how many were flagged. Negative categories: how many were (wrongly) flagged. */
  flagged: number;
}

export interface CrisisEvaluation {
  n: number;
  positives: number;
  negatives: number;
  recall: number;
  falsePositiveRate: number;
  byCategory: CategoryFigures[];
  misses: CrisisExample[];
  falsePositives: CrisisExample[];
}

export function evaluateCrisis(examples: readonly CrisisExample[], assess: (e: CrisisExample) => DistressAssessment): CrisisEvaluation {
  const byCategory = new Map<string, CategoryFigures>();
  const misses: CrisisExample[] = [];
  const falsePositives: CrisisExample[] = [];
  for (const example of examples) {
    const flagged = assess(example).distress;
    // Keyed by label too, so a category name used for both labels never mixes them.
    const key = `${example.crisis}|${example.category}`;
    const row = byCategory.get(key) ?? { category: example.category, crisis: example.crisis, n: 0, flagged: 0 };
    row.n += 1;
    if (flagged) row.flagged += 1;
    byCategory.set(key, row);
    if (example.crisis && !flagged) misses.push(example);
    if (!example.crisis && flagged) falsePositives.push(example);
  }
  const positives = examples.filter((e) => e.crisis).length;
  const negatives = examples.length - positives;
  const order = [...DISTRESS_CATEGORIES, ...NEGATIVE_CATEGORIES] as readonly string[];
  return {
    n: examples.length,
    positives,
    negatives,
    recall: positives === 0 ? 1 : (positives - misses.length) / positives,
    falsePositiveRate: negatives === 0 ? 0 : falsePositives.length / negatives,
    // Known categories in their usual order, then any others (crisis first) by name.
    byCategory: [...byCategory.values()].sort((a, b) => {
      const ia = order.indexOf(a.category);
      const ib = order.indexOf(b.category);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
      return Number(b.crisis) - Number(a.crisis) || a.category.localeCompare(b.category);
    }),
    misses,
    falsePositives,
  };
}

/** The evaluation as a plain-text table (the CLI and the bench print it). */
export function formatCrisisEvaluation(title: string, e: CrisisEvaluation): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const rows: string[][] = e.byCategory.map((r) => [
    r.category,
    r.crisis ? 'crisis' : 'not crisis',
    String(r.n),
    String(r.crisis ? r.n - r.flagged : r.flagged),
    pct(r.flagged / r.n),
  ]);
  const header = ['category', 'label', 'n', 'wrong', 'flagged'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [
    title,
    `recall ${pct(e.recall)} (${e.positives - e.misses.length}/${e.positives})  false positives ${pct(e.falsePositiveRate)} (${e.falsePositives.length}/${e.negatives})`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
