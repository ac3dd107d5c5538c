import { parseIntentTable, type IntentTable } from '../../src/platforms/intent-table.schema';
import type { ModelSource } from './model.schema';
import { byCodePoint, resolveIntents, resolveSlotTypes, sortedUnique } from './locale-model.resolver';

/**
 * Source → src/platforms/intent-table.generated.json, the table the adapters map through at run
 * time. It carries, per locale, every phrase either voice model was taught for an intent (Alexa
 * samples and elicitation samples, Dialogflow training phrases) so the terminal, which has no
 * speech platform, understands exactly what the voice channels understand.
 */

export const INTENT_TABLE_PATH = 'src/platforms/intent-table.generated.json';

export function generateIntentTable(source: ModelSource): IntentTable {
  const locales = [...source.skill.locales].sort(byCodePoint);
  const dialogflowLocales = new Set(Object.values(source.skill.dialogflow.languages));
  const samplesByLocale = new Map(
    locales.map((locale) => {
      const perIntent = new Map<string, string[]>();
      const add = (name: string, phrases: readonly string[]): void => {
        perIntent.set(name, [...(perIntent.get(name) ?? []), ...phrases]);
      };
      for (const intent of resolveIntents(source, locale, 'alexa')) {
        add(intent.sourceName, intent.samples);
        for (const slot of intent.slots) add(intent.sourceName, slot.elicitation?.samples ?? []);
      }
      if (dialogflowLocales.has(locale)) {
        for (const intent of resolveIntents(source, locale, 'dialogflow')) add(intent.sourceName, intent.samples);
      }
      return [locale, perIntent] as const;
    }),
  );

  const intents = [...source.intents.intents]
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map((intent) => {
      const samples: Record<string, string[]> = {};
      for (const locale of locales) samples[locale] = sortedUnique(samplesByLocale.get(locale)?.get(intent.name) ?? []);
      return {
        name: intent.name,
        action: intent.action,
        withoutSlot: intent.withoutSlot ?? 'unknown',
        alexa: intent.platforms.includes('alexa') ? { name: intent.name } : null,
        dialogflow: intent.platforms.includes('dialogflow') ? { displayName: intent.dialogflow?.name ?? intent.name, action: intent.dialogflow?.action ?? '' } : null,
        slots: [...intent.slots]
          .sort((a, b) => byCodePoint(a.name, b.name))
          .map((slot) => ({ name: slot.name, type: slot.type, ...(slot.role === undefined ? {} : { role: slot.role }) })),
        samples,
      };
    });

  const slotTypes: IntentTable['slotTypes'] = {};
  for (const locale of locales) {
    for (const type of resolveSlotTypes(source, locale)) {
      (slotTypes[type.name] ??= {})[locale] = type.values.map((value) => ({ id: value.id, forms: sortedUnique([value.value, ...value.synonyms]) }));
    }
  }

  // Like Dialogflow's root language, the default serves every locale without samples of its own.
  const defaultLocale = source.skill.dialogflow.languages[source.skill.dialogflow.defaultLanguage] ?? locales[0];
  // The runtime reader refuses a malformed table; refusing it here names the build as the culprit.
  return parseIntentTable({ locales, defaultLocale, intents, slotTypes });
}
