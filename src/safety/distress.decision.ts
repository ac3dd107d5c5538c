import type { CueMatch } from './cue.matcher';
import type { DistressAssessment, DistressCategory } from './distress.types';

/**
 * The rule that turns evidence into a yes or no, favouring recall:
 *
 * - a strong signal (self-reference with death or ending, self-injury, means with a plan or a
 *   method, an abuser with an abusive act, immediate danger) decides on its own, whatever else
 *   the answer says;
 * - otherwise the model decides at or above its threshold, provided the answer carries at least
 *   one weak cue (crisis vocabulary of any kind) or the model is confident: an answer with no
 *   cue at all is flagged on n-grams alone only when the model is sure, which halves its false
 *   alarms on ordinary answers;
 * - an idiom frame ("could murder a pizza") may cancel only that weaker, model-only decision,
 *   and only when at most one weak cue fired and the model is not confident. It never cancels a
 *   strong signal.
 */

export interface DecisionSettings {
  threshold: number;
  confidentThreshold: number;
  /** Most urgent category first. */
  priority: readonly DistressCategory[];
}

export function decideDistress(
  match: CueMatch,
  probability: number,
  settings: DecisionSettings,
  likelyCategory: () => DistressCategory | undefined,
): DistressAssessment {
  const strong = match.signals.filter((s) => s.strength === 'strong');
  const weak = match.signals.filter((s) => s.strength === 'weak');
  const cues = [...match.signals.map((s) => s.id), ...match.idioms.map((i) => `idiom:${i}`)];
  const mostUrgent = (categories: Array<DistressCategory | undefined>): DistressCategory | undefined =>
    settings.priority.find((c) => categories.includes(c));

  if (strong.length > 0) {
    return { distress: true, category: mostUrgent(strong.map((s) => s.category)), score: 1, cues };
  }
  const score = Math.round(probability * 1e4) / 1e4;
  const confident = probability >= settings.confidentThreshold;
  if (probability < settings.threshold || (weak.length === 0 && !confident)) return { distress: false, score, cues };
  const vetoed = match.idioms.length > 0 && weak.length <= 1 && !confident;
  if (vetoed) return { distress: false, score, cues: [...cues, 'idiom-veto'] };
  const category = mostUrgent(weak.map((s) => s.category)) ?? likelyCategory();
  return { distress: true, ...(category ? { category } : {}), score, cues: [...cues, 'model'] };
}
