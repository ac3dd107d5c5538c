import { AppError } from '../errors/app-error';
import type { CustomerAction } from '../interview/interview.types';
import generated from './intent-table.generated.json';
import { parseIntentTable, type IntentEntry, type IntentTable, type SlotRole } from './intent-table.schema';

/**
 * The one mapping from intents to customer actions. It is generated from interaction-models/
 * (`npm run models:build`), so Alexa, Dialogflow and the terminal cannot disagree about what an
 * intent means or what it becomes when its slot is empty.
 */

export { parseIntentTable, type IntentEntry, type IntentTable } from './intent-table.schema';

/** Validated once at load: a broken table stops the start instead of misreading customers. */
export const INTENT_TABLE: IntentTable = parseIntentTable(generated);

const byAlexaName = new Map(INTENT_TABLE.intents.flatMap((entry) => (entry.alexa ? [[entry.alexa.name, entry] as const] : [])));
const byDialogflowName = new Map(INTENT_TABLE.intents.flatMap((entry) => (entry.dialogflow ? [[entry.dialogflow.displayName, entry] as const] : [])));

export function alexaIntent(name: string): IntentEntry | undefined {
  return byAlexaName.get(name);
}

export function dialogflowIntent(displayName: string): IntentEntry | undefined {
  return byDialogflowName.get(displayName);
}

/** The slot of an entry that carries `role`, if it has one. */
export function slotWithRole(entry: IntentEntry, role: SlotRole): string | undefined {
  return entry.slots.find((slot) => slot.role === role)?.name;
}

/** The Alexa intent and slot that capture a free-speech answer (the skill elicits them after a question). */
export function alexaAnswerCapture(table: IntentTable = INTENT_TABLE): { intent: string; slot: string } {
  for (const entry of table.intents) {
    const slot = slotWithRole(entry, 'answer');
    if (entry.action === 'answer' && entry.alexa && slot) return { intent: entry.alexa.name, slot };
  }
  throw new AppError('CONTENT_INVALID', 'The intent table has no Alexa intent with an answer slot; the skill could not capture answers');
}

/** The table's locale for a customer locale: the same, else one of the same language, else the default. */
export function tableLocale(locale: string, table: IntentTable = INTENT_TABLE): string {
  if (table.locales.includes(locale)) return locale;
  const language = locale.split('-')[0]?.toLowerCase();
  return table.locales.find((candidate) => candidate.split('-')[0] === language) ?? table.defaultLocale;
}

/** One slot as the platform reported it: the value to act on (a resolved id where there is one) and the words heard. */
export interface HeardSlot {
  value: string;
  words?: string;
}

export interface Heard {
  /** Filled slots by slot name; an empty slot is simply absent. */
  slots: Readonly<Record<string, HeardSlot | undefined>>;
  /** Everything the customer said, where the platform reports it (not on Alexa). */
  words?: string;
}

/**
 * What the customer did, given the intent the platform matched (undefined: one the table does
 * not know, which is not understood) and what it heard.
 */
export function actionFor(entry: IntentEntry | undefined, heard: Heard): CustomerAction {
  const words = heard.words?.trim() || undefined;
  const notUnderstood: CustomerAction = words === undefined ? { type: 'unknown' } : { type: 'unknown', text: words };
  if (entry === undefined) return notUnderstood;
  const slotName = entry.slots.find((slot) => slot.role !== undefined)?.name;
  const slot = slotName === undefined ? undefined : heard.slots[slotName];
  const value = slot?.value.trim() || undefined;
  switch (entry.action) {
    case 'choose-domain':
      if (value !== undefined) return { type: 'choose-domain', domain: value, text: words ?? (slot?.words?.trim() || value) };
      if (entry.withoutSlot === 'bare') return { type: 'choose-domain' };
      // Not resolved to a known area: the engine still looks for one in the words.
      return entry.withoutSlot === 'words' && words !== undefined ? { type: 'choose-domain', text: words } : { type: 'unknown' };
    case 'change-domain':
      if (value !== undefined) return { type: 'change-domain', domain: value };
      if (entry.withoutSlot === 'bare') return { type: 'change-domain' };
      return entry.withoutSlot === 'words' && words !== undefined ? { type: 'change-domain', domain: words } : { type: 'unknown' };
    case 'answer': {
      // The slot holds the answer without its carrier phrase ("my dream is ..."), so every channel stores the same words.
      const text = value ?? (entry.withoutSlot === 'words' ? words : undefined);
      return text === undefined ? { type: 'unknown' } : { type: 'answer', text };
    }
    case 'unknown':
      return notUnderstood;
    default:
      return { type: entry.action };
  }
}
