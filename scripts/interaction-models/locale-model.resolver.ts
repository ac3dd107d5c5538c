import type { IntentSource, ModelSource, Platform, SlotSource } from './model.schema';

/**
 * Flattens the shared source plus per-locale and per-platform overrides into the plain lists a
 * generator writes out. Everything is sorted by code point (not localeCompare) so the output
 * does not depend on the ICU data of the machine that runs the build.
 */

export function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Unique, sorted; used wherever order carries no meaning. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byCodePoint);
}

function applyDelta(base: readonly string[], delta: { add: readonly string[]; remove: readonly string[] } | undefined): string[] {
  if (delta === undefined) return sortedUnique(base);
  const removed = new Set(delta.remove);
  return sortedUnique([...base.filter((v) => !removed.has(v)), ...delta.add]);
}

export interface ResolvedSlot {
  name: string;
  type: string;
  elicitation?: { prompts: string[]; samples: string[] };
  dialogflowExamples: string[];
}

export interface ResolvedIntent {
  /** Name in the source file (the Alexa name for shared intents). */
  sourceName: string;
  /** Name on the target platform. */
  name: string;
  builtIn: boolean;
  slots: ResolvedSlot[];
  samples: string[];
  dialogflow: { action: string; inputContexts: string[]; events: string[]; fallback: boolean };
}

export interface ResolvedSlotValue {
  id: string;
  value: string;
  synonyms: string[];
}

export interface ResolvedSlotType {
  name: string;
  dialogflowEntity: string;
  values: ResolvedSlotValue[];
}

function resolveSlot(slot: SlotSource): ResolvedSlot {
  return {
    name: slot.name,
    type: slot.type,
    ...(slot.elicitation === undefined
      ? {}
      : { elicitation: { prompts: [...slot.elicitation.prompts], samples: sortedUnique(slot.elicitation.samples) } }),
    // Order kept: examples are assigned to training phrases round-robin, and a writer may rank them.
    dialogflowExamples: [...(slot.dialogflowExamples ?? [])],
  };
}

function resolveIntent(intent: IntentSource, locale: string, platform: Platform): ResolvedIntent {
  const onDialogflow = platform === 'dialogflow';
  // Dialogflow has no built-ins, so it is also taught what Alexa's built-in intents know already.
  const baseSamples = onDialogflow ? [...intent.samples, ...(intent.dialogflow?.samples ?? [])] : intent.samples;
  return {
    sourceName: intent.name,
    name: onDialogflow ? (intent.dialogflow?.name ?? intent.name) : intent.name,
    builtIn: intent.name.startsWith('AMAZON.'),
    slots: intent.slots.map(resolveSlot).sort((a, b) => byCodePoint(a.name, b.name)),
    samples: applyDelta(baseSamples, intent.locales[locale]),
    dialogflow: {
      action: intent.dialogflow?.action ?? '',
      inputContexts: sortedUnique(intent.dialogflow?.inputContexts ?? []),
      events: sortedUnique(intent.dialogflow?.events ?? []),
      fallback: intent.dialogflow?.fallback ?? false,
    },
  };
}

/** The intents one platform gets for one locale, sorted by platform name. */
export function resolveIntents(source: ModelSource, locale: string, platform: Platform): ResolvedIntent[] {
  return source.intents.intents
    .filter((intent) => intent.platforms.includes(platform))
    .map((intent) => resolveIntent(intent, locale, platform))
    .sort((a, b) => byCodePoint(a.name, b.name));
}

/** Custom slot types with the locale's synonym changes applied, sorted by name and value id. */
export function resolveSlotTypes(source: ModelSource, locale: string): ResolvedSlotType[] {
  return source.slotTypes.types
    .map((type) => {
      const deltas = type.locales[locale]?.values ?? {};
      return {
        name: type.name,
        dialogflowEntity: type.dialogflowEntity,
        values: type.values
          .map((value) => ({ id: value.id, value: value.value, synonyms: applyDelta(value.synonyms, deltas[value.id]) }))
          .sort((a, b) => byCodePoint(a.id, b.id)),
      };
    })
    .sort((a, b) => byCodePoint(a.name, b.name));
}
