import type { CustomerAction } from '../../../src/interview/interview.types';
import { createPartnerDirectory } from '../../../src/partners/partner.matcher';

/** A mortgage adviser for the `home` theme, taking leads. */
export const HOME_PARTNERS = createPartnerDirectory([
  { id: 'homes-r-us', name: 'Homes R Us', domain: 'money', themes: ['home'], description: 'Mortgage advice.', url: 'https://example.com/homes', acceptsLeads: true },
]);

/** The shortest way to a partner offer: a home answer, then the remaining questions skipped (the offer is reply 6). */
export const TO_PARTNER_OFFER: CustomerAction[] = [
  { type: 'launch' },
  { type: 'choose-domain', domain: 'money' },
  { type: 'answer', text: 'buying my first house' },
  { type: 'skip' },
  { type: 'skip' },
  { type: 'skip' },
];
