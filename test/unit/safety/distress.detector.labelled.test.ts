import { evaluateCrisis, formatCrisisEvaluation, loadCrisisSet, type CrisisExample } from '../../../src/safety/crisis.evaluation';
import { DISTRESS_CATEGORIES } from '../../../src/safety/distress.types';
import { createDistressDetector } from '../../../src/safety/distress.detector';
import { LABELLED_SET, PROBE_SET } from './safety.fixtures';

/**
 * The gate on the labelled crisis set: every crisis answer is flagged (recall exactly 1.0) and
 * no near-miss (figurative speech with crisis words) is. False alarms on the other negatives are
 * measured and reported, not gated. Nothing is printed unless something fails.
 */
const examples = loadCrisisSet(LABELLED_SET);
const detector = createDistressDetector();
const result = evaluateCrisis(examples, (e) => detector.assess(e.text, e.locale));
const listing = (list: readonly CrisisExample[]): string => list.map((e) => `  ${e.category}: ${e.text}`).join('\n');

describe('the labelled crisis set', () => {
  const words = (e: CrisisExample): number => e.text.trim().split(/\s+/).length;

  it('has several hundred answers across every category, in both locales', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1000);
    const count = (c: string): number => examples.filter((e) => e.category === c).length;
    for (const c of DISTRESS_CATEGORIES) expect(count(c)).toBeGreaterThanOrEqual(40);
    expect(count('near-miss')).toBeGreaterThanOrEqual(200);
    expect(count('negative')).toBeGreaterThanOrEqual(100);
    expect(count('plain')).toBeGreaterThanOrEqual(80);
    for (const locale of ['en-GB', 'en-US']) expect(examples.filter((e) => e.locale === locale).length).toBeGreaterThanOrEqual(400);
  });

  it('looks like speech: mostly lower-case and unpunctuated, 2 to 60 words, long answers with the crisis late', () => {
    const asr = examples.filter((e) => /^[a-z0-9 ]+$/.test(e.text)).length;
    expect(asr / examples.length).toBeGreaterThanOrEqual(0.5);
    expect(examples.filter((e) => words(e) < 2 || words(e) > 60).map((e) => e.text)).toEqual([]);
    expect(examples.filter((e) => e.crisis && words(e) >= 20).length).toBeGreaterThanOrEqual(40);
  });

  it('has no answer twice', () => {
    const keys = examples.map((e) => e.text.toLowerCase().replace(/[^a-z0-9 ]/g, ''));
    expect(keys.length - new Set(keys).size).toBe(0);
  });
});

describe('distress detector on the labelled set', () => {
  it('flags every crisis answer (recall 1.0)', () => {
    if (result.misses.length > 0) throw new Error(`missed ${result.misses.length}:\n${listing(result.misses)}`);
    expect(result.recall).toBe(1);
  });

  it('leaves every near-miss alone', () => {
    const flagged = result.falsePositives.filter((e) => e.category === 'near-miss');
    if (flagged.length > 0) throw new Error(`flagged ${flagged.length} near-misses:\n${listing(flagged)}`);
  });

  it('keeps false alarms on the other negatives rare', () => {
    // Measured 0%; reported rather than gated, with room for the set to grow harder.
    if (result.falsePositiveRate > 0.02) {
      throw new Error(`${formatCrisisEvaluation('labelled set', result)}\nfalse alarms:\n${listing(result.falsePositives)}`);
    }
  });
});

describe('distress detector on the probe set', () => {
  // Forty phrasings written after the detector was finished and never tuned on (earlier rounds
  // were measured, fixed in general ways and moved into the labelled set). Measured: recall
  // 22/24, false alarms 2/16, both from the model alone (before the vehicle, self-hitting and
  // frustration-with-things round: 21/24 and 3/16). A floor only, to catch a change
  // that fits the labelled set at the expense of new speech.
  it('keeps most of what it has never seen', () => {
    const probes = loadCrisisSet(PROBE_SET);
    const probe = evaluateCrisis(probes, (e) => detector.assess(e.text, e.locale));
    if (probe.recall < 0.8 || probe.falsePositiveRate > 0.25) throw new Error(formatCrisisEvaluation('probe set', probe));
  });
});
