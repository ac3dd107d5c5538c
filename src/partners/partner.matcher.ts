/**
 * Partner services a company registers to help customers (a mortgage adviser, a car-sharing
 * service, a meal-kit company). The engine offers one only when its domain and one of its
 * themes match what the customer just talked about.
 */
export interface PartnerService {
  id: string;
  /** How the partner is named in speech. */
  name: string;
  domain: string;
  themes: string[];
  /** One sentence shown on the card sent to the customer. */
  description: string;
  url?: string;
  /** Locales the partner serves; all when absent. */
  locales?: string[];
  /** Whether the partner takes leads (contact details, with consent) in addition to a card. */
  acceptsLeads: boolean;
}

/** A partner chosen for a customer, with the theme it was chosen for (recorded with the hand-off). */
export interface PartnerMatch {
  partner: PartnerService;
  theme: string;
}

export interface PartnerDirectory {
  /** The best partner for the themes, in the order given (most important first), or null. */
  match(query: { domain: string; themes: string[]; locale: string; exclude: string[] }): PartnerMatch | null;
  get(id: string): PartnerService | null;
}

export function createPartnerDirectory(partners: readonly PartnerService[]): PartnerDirectory {
  const byId = new Map(partners.map((p) => [p.id, p]));
  return {
    match({ domain, themes, locale, exclude }) {
      for (const theme of themes) {
        const found = partners.find(
          (p) =>
            p.domain === domain &&
            p.themes.includes(theme) &&
            !exclude.includes(p.id) &&
            (p.locales === undefined || p.locales.includes(locale)),
        );
        if (found) return { partner: found, theme };
      }
      return null;
    },
    get: (id) => byId.get(id) ?? null,
  };
}

export const NO_PARTNERS: PartnerDirectory = createPartnerDirectory([]);
