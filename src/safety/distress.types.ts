/**
 * The public shape of the distress detector. Platform-neutral: the engine asks one question of
 * an answer ("is this someone in crisis?") and gets ids it may log, never the customer's words.
 */

export const DISTRESS_CATEGORIES = ['suicidal', 'plan-means', 'self-harm', 'hopelessness', 'abuse', 'danger'] as const;
export type DistressCategory = (typeof DISTRESS_CATEGORIES)[number];

export interface DistressAssessment {
  distress: boolean;
  /** The most urgent category the evidence points to; absent when there is no distress. */
  category?: DistressCategory;
  /** 1 when a strong cue combination fired, otherwise the model's probability (0..1). */
  score: number;
  /**
   * Ids of the cue signals and idiom frames that fired (e.g. `self-wish-death`, `idiom:x-is-killing-me`),
   * plus `model` when the model's probability decided. Safe to log: ids, never words.
   */
  cues: string[];
}

export interface DistressDetector {
  assess(text: string, locale: string): DistressAssessment;
  /** Languages with a lexicon and a model (e.g. `en`, used for every en-* locale). */
  languages(): string[];
}

export interface DistressDetectorOptions {
  /** Folder holding `<language>.json` lexicons and their models; defaults to content/safety. */
  dir?: string;
}
