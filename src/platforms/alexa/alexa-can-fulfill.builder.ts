import type { canfulfill, Intent, IntentRequest, RequestEnvelope } from 'ask-sdk-model';
import type { ContentCatalog } from '../../content/content.loader';
import type { DomainContent } from '../../content/content.schema';
import type { CustomerAction } from '../../interview/interview.types';
import { alexaIntent, slotWithRole } from '../intent.table';
import { requestToAction } from './alexa.mapping';

type Verdict = canfulfill.CanFulfillIntentValues;

/**
 * Answers Alexa's name-free question "could you handle this intent?" from the intent and the
 * content alone. Amazon requires a CanFulfill answer to have no observable effect, so this never
 * reaches the service, the store or the session: a customer who is only being considered for
 * this skill must still be a first-time visitor when they open it.
 */
export function buildCanFulfill(
  envelope: RequestEnvelope,
  request: canfulfill.CanFulfillIntentRequest,
  content: ContentCatalog,
): canfulfill.CanFulfillIntent {
  const intent = request.intent;
  const entry = alexaIntent(intent.name);
  // An intent the table does not know is not ours, whatever it is called.
  if (entry === undefined) return { canFulfill: 'NO', slots: notUnderstood(intent.slots) };
  const domainSlot = slotWithRole(entry, 'domain');
  // The same reading of the intent as a real turn would get, so the two cannot disagree.
  const asTurn: IntentRequest = {
    type: 'IntentRequest',
    requestId: request.requestId,
    timestamp: request.timestamp,
    locale: request.locale,
    dialogState: request.dialogState ?? 'STARTED',
    intent,
  };
  const action = requestToAction({ ...envelope, request: asTurn });
  const domains = content.forLocale(request.locale ?? 'en-US').domains;
  const domainKnown = 'domain' in action && action.domain !== undefined && findDomain(action.domain, domains) !== undefined;
  // Amazon's built-in intents (stop, help, yes, resume...) only mean something inside our own
  // conversation; name-free they belong to whatever the customer was doing, so we never claim them.
  const verdict: Verdict = intent.name.startsWith('AMAZON.') ? 'NO' : verdictFor(action, domainKnown);

  const slots = notUnderstood(intent.slots);
  if (verdict !== 'NO' && domainSlot !== undefined && domainKnown && slots[domainSlot]) {
    slots[domainSlot] = { canUnderstand: 'YES', canFulfill: 'YES' };
  }
  return { canFulfill: verdict, slots };
}

/** Every slot Alexa heard a value for, marked as not understood until shown otherwise. */
function notUnderstood(heard: Intent['slots']): Record<string, canfulfill.CanFulfillSlot> {
  const slots: Record<string, canfulfill.CanFulfillSlot> = {};
  for (const [name, slot] of Object.entries(heard ?? {})) {
    if (slot.value?.trim()) slots[name] = { canUnderstand: 'NO', canFulfill: 'NO' };
  }
  return slots;
}

function verdictFor(action: CustomerAction, domainKnown: boolean): Verdict {
  switch (action.type) {
    case 'choose-domain':
    case 'change-domain':
      // "talk about food" starts an interview in that area; an area we do not cover is not ours.
      return domainKnown ? 'YES' : 'NO';
    case 'delete-data':
    case 'what-do-you-know':
      // Privacy requests stand on their own and are always honoured.
      return 'YES';
    case 'resume':
      // Whether there is anything to resume is in the store, which a CanFulfill answer may not read.
      return 'MAYBE';
    default:
      // Answers, skips and confirmations need an open question; a name-free request has none.
      return 'NO';
  }
}

/** The engine's reading of a domain slot: id or spoken name first, then any synonym. */
function findDomain(value: string, domains: DomainContent[]): DomainContent | undefined {
  const wanted = normalise(value);
  return (
    domains.find((d) => d.id === wanted || normalise(d.name) === wanted) ??
    domains.find((d) => d.synonyms.some((s) => normalise(s) === wanted))
  );
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
