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
