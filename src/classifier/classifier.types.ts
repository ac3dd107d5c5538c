/** A theme id from the taxonomy (see content/themes/<domain>.json), or `other` when nothing fits. */
export type ThemeId = string;

export interface ThemeScore {
  id: ThemeId;
  /** Relative strength in (0, 1]; themes are sorted best first. */
  score: number;
}

export interface Classification {
  /** Ranked best first; never empty: `[{ id: 'other', score: 1 }]` when nothing fits. */
  themes: ThemeScore[];
  /** Overall feeling of the answer in [-1, 1]. */
  sentiment: number;
}

export interface ThemeClassifier {
  /** Domains the classifier knows (money, mobility, food, plus any configured). */
  domains(): string[];
  /** Theme ids of a domain, in taxonomy order (excluding `other`). */
  themes(domain: string): ThemeId[];
  classify(domain: string, text: string): Classification;
  /**
   * Spoken words for a theme, for acknowledgements ("It sounds like owning a home matters to
   * you"). `other` and ids the domain does not know (e.g. a retired company theme still in a
   * stored profile) get a neutral readable fallback; an unknown domain throws.
   */
  label(domain: string, themeId: ThemeId): string;
}

export interface ThemeClassifierOptions {
  /** Folder of `<domain>.json` taxonomy files; defaults to content/themes in the repository. */
  themesDir?: string;
  /** Optional company extension file adding new theme ids (never redefining contract ids). */
  extraThemesFile?: string;
}
