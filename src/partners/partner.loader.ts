import { z } from 'zod';
import { readValidatedJson } from '../content/validated-json.reader';
import { AppError } from '../errors/app-error';
import type { PartnerService } from './partner.matcher';

const PartnerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id such as homes-r-us'),
    name: z.string().trim().min(1).max(60),
    domain: z.string().min(1),
    themes: z.array(z.string().min(1)).min(1),
    description: z.string().trim().min(1).max(300),
    url: z.url().optional(),
    locales: z.array(z.string().regex(/^[a-z]{2}-[A-Z]{2}$/)).min(1).optional(),
    acceptsLeads: z.boolean().default(false),
  })
  .strict();

const PartnersFileSchema = z.array(PartnerSchema).refine((list) => new Set(list.map((p) => p.id)).size === list.length, {
  message: 'partner ids must be unique',
});

/** What a partner file may refer to: the domains and theme ids the classifier knows. */
export interface KnownThemes {
  themes(domain: string): string[];
  domains(): string[];
}

/**
 * Reads the partner services a company registers (PARTNERS_FILE). A partner naming a domain or
 * theme that does not exist would never be offered, so that is an error at start, not a silence.
 */
export function loadPartners(file: string, known: KnownThemes): PartnerService[] {
  const partners = readValidatedJson(file, PartnersFileSchema);
  partners.forEach((partner, index) => {
    if (!known.domains().includes(partner.domain)) {
      throw new AppError('CONTENT_INVALID', `${file}: field "${index}.domain": unknown domain "${partner.domain}"`);
    }
    const themes = known.themes(partner.domain);
    partner.themes.forEach((theme, t) => {
      if (!themes.includes(theme)) {
        throw new AppError('CONTENT_INVALID', `${file}: field "${index}.themes.${t}": "${theme}" is not a theme of ${partner.domain}`);
      }
    });
  });
  return partners;
}
