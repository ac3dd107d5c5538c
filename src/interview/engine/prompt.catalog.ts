import type { LocaleContent } from '../../content/content.loader';
import type { DomainContent } from '../../content/content.schema';
import type { PartnerDirectory, PartnerService } from '../../partners/partner.matcher';
import type { Lens, PromptRef } from '../interview.types';

type WithoutVariant<T> = T extends unknown ? Omit<T, 'variant'> : never;
/** A prompt to ask, before a phrasing is chosen. */
export type PromptRequest = WithoutVariant<PromptRef>;

/**
 * The wording behind a prompt reference: the phrasings to choose from (and the variant key that
 * records which were used), the reprompt (absent: the chosen phrasing is its own reprompt), and
 * the placeholder values (absent: the wording is spoken as written).
 */
export interface PromptWording {
  variantKey: string;
  variants: readonly string[];
  reprompt?: string;
  values?: Record<string, string>;
}

/**
 * The one mapping from prompt ids to content. Asking a prompt and rendering it again later (after
 * help, on repeat, after a cancelled side trip) both go through here, so they cannot drift apart.
 * Null when the content or partner list no longer has what the reference names (a deploy between
 * two turns); the caller falls back to asking for an area.
 */
export function wordingOf(request: PromptRequest, content: LocaleContent, partners: PartnerDirectory): PromptWording | null {
  const common = content.common;
  const variantKey = variantKeyOf(request);
  switch (request.key) {
    case 'choose-domain':
      return { variantKey, variants: common.chooseDomain.prompt, reprompt: common.chooseDomain.reprompt, values: {} };
    case 'which-domain':
      return { variantKey, variants: common.nextDomain.whichOne.prompt, reprompt: common.nextDomain.whichOne.reprompt, values: {} };
    case 'next-domain': {
      const domain = domainById(content, request.domain);
      if (!domain) return null;
      return { variantKey, variants: common.nextDomain.prompt, reprompt: common.nextDomain.reprompt, values: { domain: domain.name } };
    }
    case 'domain-covered':
    case 'offer-domain': {
      const domain = domainById(content, request.domain);
      if (!domain) return null;
      const wording = request.key === 'domain-covered' ? common.nextDomain.covered : common.nextDomain.offer;
      return { variantKey, variants: wording.prompt, reprompt: wording.reprompt, values: { domain: domain.name } };
    }
    case 'resume-offer': {
      const domain = domainById(content, request.domain);
      if (!domain) return null;
      return { variantKey, variants: common.resumeOffer.prompt, reprompt: common.resumeOffer.reprompt, values: { domain: domain.name } };
    }
    case 'question': {
      const domain = domainById(content, request.domain);
      return domain ? { variantKey, variants: domain.questions[request.lens] } : null;
    }
    case 'probe': {
      const domain = domainById(content, request.domain);
      if (!domain) return null;
      const variants =
        request.theme !== undefined ? domain.probes.byTheme?.[request.theme] : request.lens !== undefined ? domain.probes.byLens?.[request.lens] : domain.probes.default;
      // A follow-up list removed by a content change since it was asked: the domain's default still fits.
      return variants ? { variantKey, variants } : { variantKey: variantKeyOf({ key: 'probe', domain: domain.id }), variants: domain.probes.default };
    }
    case 'partner-offer':
    case 'partner-share': {
      const partner = partners.get(request.partnerId);
      if (!partner) return null;
      const wording = request.key === 'partner-offer' ? common.partner.offer : common.partner.share;
      return { variantKey, variants: wording.prompt, reprompt: wording.reprompt, values: partnerValues(partner) };
    }
    case 'confirm-delete':
      return { variantKey, variants: common.deleteConfirm.prompt, reprompt: common.deleteConfirm.reprompt };
  }
}

/**
 * The key a prompt's phrasings are recorded under in `usedVariants` (as `<key>#<index>`) and hashed
 * with to choose one. Derived from the reference alone, without content, so a state can be read
 * (and an older one migrated) anywhere. Changing a key changes which phrasing a session hears.
 */
export function variantKeyOf(request: PromptRequest): string {
  switch (request.key) {
    case 'choose-domain':
      return 'chooseDomain';
    case 'which-domain':
      return 'whichOne';
    case 'next-domain':
      return 'nextDomain';
    case 'domain-covered':
      return 'domainCovered';
    case 'offer-domain':
      return 'offerDomain';
    case 'resume-offer':
      return 'resumeOffer';
    case 'question':
      return `q:${request.domain}.${request.lens}`;
    case 'probe':
      if (request.theme !== undefined) return `probe:${request.domain}.${request.theme}`;
      if (request.lens !== undefined) return `probe:${request.domain}.${request.lens}`;
      return `probe:${request.domain}`;
    case 'partner-offer':
      return 'partnerOffer';
    case 'partner-share':
      return 'partnerShare';
    case 'confirm-delete':
      return 'deleteConfirm';
  }
}

/** How one phrasing of a key is recorded in `usedVariants`. */
export function variantId(key: string, index: number): string {
  return `${key}#${index}`;
}

/** The follow-up for an answer: by its theme where the domain has one, else by lens, else the default. */
export function probeRequest(domain: DomainContent, lens: Lens, theme: string): PromptRequest {
  if (domain.probes.byTheme?.[theme]) return { key: 'probe', domain: domain.id, theme };
  if (domain.probes.byLens?.[lens]) return { key: 'probe', domain: domain.id, lens };
  return { key: 'probe', domain: domain.id };
}

/** What a partner's templates can say about it: its spoken name and what it does. */
export function partnerValues(partner: PartnerService): Record<string, string> {
  return { partner: partner.name, description: asClause(partner.description, partner.name) };
}

/**
 * A partner's description ("Free mortgage advice from independent advisers.") as a clause that a
 * template continues into one sentence: the closing full stop dropped and the capital lowered,
 * unless the description starts with a name (an acronym, the partner's own name) that keeps it.
 */
export function asClause(description: string, name: string): string {
  const text = description.trim().replace(/[.!\s]+$/, '');
  const first = text.split(/\s/)[0] ?? '';
  const keepsCapital = first.length > 1 && (first === first.toUpperCase() || name.split(/\s/)[0] === first);
  return keepsCapital ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function domainById(content: LocaleContent, id: string): DomainContent | undefined {
  return content.domains.find((d) => d.id === id);
}
