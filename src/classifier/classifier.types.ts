/**
 * A theme id from the taxonomy (see content/themes/<domain>.json), `no-concern` for an answer
 * saying there is nothing to report, or `other` when nothing fits.
 */
export type ThemeId = string;

export interface ThemeScore {
  id: ThemeId;
  /** Relative strength in (0, 1]; themes are sorted best first. */
  score: number;
}

/** The question's lens: what kind of answer was asked for. */
export type QuestionLens = 'dream' | 'fear' | 'frustration';

export interface ClassificationContext {
  /** The lens of the question being answered; it shifts what the same words most likely mean. */
  lens?: QuestionLens;
}

export interface Classification {
  /**
   * Ranked best first; never empty: `[{ id: 'other', score: 1 }]` when nothing fits or the
   * utterance carries nothing (see nonAnswer).
   */
  themes: ThemeScore[];
  /** Overall feeling of the answer in [-1, 1]. */
  sentiment: number;
  /**
   * Probability in [0, 1] that the utterance carries nothing ("dunno", "um", "pass", "why do you
   * want to know", "play some music"). At 0.5 or more, themes is `other`. Absent when no trained
   * model is available to judge it.
   */
  nonAnswer?: number;
}

export interface ThemeClassifier {
  /** Domains the classifier knows (money, mobility, food, plus any configured). */
  domains(): string[];
  /** Theme ids of a domain, in taxonomy order (excluding the system ids `other` and `no-concern`). */
  themes(domain: string): ThemeId[];
  classify(domain: string, text: string, context?: ClassificationContext): Classification;
  /**
   * Spoken words for a theme, for acknowledgements ("It sounds like owning a home matters to
   * you"). `no-concern` has its own ("having no worries there"); `other` and ids the domain does
   * not know (e.g. a retired company theme still in a stored profile) get a neutral readable
   * fallback; an unknown domain throws.
   */
  label(domain: string, themeId: ThemeId): string;
}

export interface ThemeClassifierOptions {
  /** Folder of `<domain>.json` taxonomy files; defaults to content/themes in the repository. */
  themesDir?: string;
  /** Optional company extension file adding new theme ids (never redefining contract ids). */
  extraThemesFile?: string;
  /**
   * Folder of `<domain>.model.json` trained models; defaults to `models` beside the themes folder.
   * A domain without a model file is classified by its lexicon alone.
   */
  modelsDir?: string;
  /**
   * Models already in memory, by domain, used instead of reading files (training tools evaluate
   * a model this way before writing it). Must be validated model files.
   */
  models?: Readonly<Record<string, unknown>>;
}
