/**
 * The theme ids promised in the product contract (shared/product/themes.md). The insight API,
 * dashboard, partner routing and exports key on them, so the loader refuses content that drops,
 * adds to or redefines them; company themes go in an extra themes file instead.
 */
export const CONTRACT_THEMES: Readonly<Record<string, readonly string[]>> = {
  money: [
    'home', 'retirement', 'debt', 'savings', 'travel', 'education', 'family', 'investing', 'income',
    'cost-of-living', 'banking', 'fraud',
  ],
  mobility: [
    'commute', 'public-transport', 'car-costs', 'electric', 'safety', 'parking', 'travel',
    'independence', 'active', 'shared', 'environment',
  ],
  food: [
    'healthy-eating', 'grocery-costs', 'time', 'cooking', 'family-meals', 'dietary-needs',
    'sustainability', 'food-safety', 'delivery', 'dining-out',
  ],
};

export const CONTRACT_DOMAINS: readonly string[] = Object.keys(CONTRACT_THEMES);

/** The catch-all id; reserved, so no taxonomy may define it. */
export const OTHER_THEME_ID = 'other';

/**
 * A real answer saying there is nothing to report ("i dont really have any worries about money").
 * It is stored like any answer; every domain has it, and no taxonomy may define it.
 */
export const NO_CONCERN_THEME_ID = 'no-concern';

/**
 * The training label for answers that carry nothing ("dunno", "play some music"). It is never a
 * stored theme: the classifier reports it as `nonAnswer`, with `other` as the themes.
 */
export const NON_ANSWER_LABEL = 'non-answer';

/** At or above this `nonAnswer` probability the utterance is treated as carrying nothing. */
export const NON_ANSWER_THRESHOLD = 0.5;

/** Ids the classifier adds to every domain; taxonomies and company files may not use them. */
export const SYSTEM_THEME_IDS: readonly string[] = [OTHER_THEME_ID, NO_CONCERN_THEME_ID, NON_ANSWER_LABEL];

/** The model's output classes for a domain: its contract themes, then the system ids in that order. */
export function modelClasses(contractThemes: readonly string[]): string[] {
  return [...contractThemes, ...SYSTEM_THEME_IDS];
}
