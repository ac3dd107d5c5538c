import { z } from 'zod';

/** Kebab-case ids, because they travel through URLs, exports and partner routing rules. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Lexicon weights: roughly 1 = a weak hint shared with other topics, 2 = typical vocabulary,
 * 3 = distinctive of the theme. The cap keeps one term from drowning everything else.
 */
const termsSchema = z
  .record(z.string().trim().min(1, 'a term must not be empty'), z.number().positive().max(5))
  .refine((terms) => Object.keys(terms).length > 0, { message: 'needs at least one term' });

export const themeSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, 'must be a kebab-case id such as "cost-of-living"'),
  /** Spoken words for the theme, used in acknowledgements ("It sounds like <label> matters to you"). */
  label: z.string().trim().min(1).max(60),
  /** What the theme is about, for people editing the lexicon. */
  covers: z.string().optional(),
  /**
   * For themes that are about a lack ("never have time", "cant eat dairy"), a negated mention is
   * the theme itself, so it counts in full instead of being discounted.
   */
  countNegated: z.boolean().optional(),
  terms: termsSchema,
});

export const domainFileSchema = z.strictObject({
  domain: z.string().regex(ID_PATTERN, 'must be a kebab-case domain name'),
  label: z.string().trim().min(1).optional(),
  themes: z.array(themeSchema).min(1),
});

/** Company extensions: one domain block or several, in the same shape as a domain file. */
export const extraThemesSchema = z.union([domainFileSchema, z.array(domainFileSchema).min(1)]);

/** Requests that are not answers at all ("play some music"); they push the result to `other`. */
export const offTopicFileSchema = z.strictObject({
  description: z.string().optional(),
  terms: termsSchema,
});

export type ThemeDefinition = z.infer<typeof themeSchema>;
export type DomainFile = z.infer<typeof domainFileSchema>;
export type OffTopicFile = z.infer<typeof offTopicFileSchema>;
