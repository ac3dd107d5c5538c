import { createHash } from 'node:crypto';
import { AppError } from '../../src/errors/app-error';
import type { ModelSource } from './model.schema';
import { byCodePoint, resolveIntents, resolveSlotTypes, sortedUnique, type ResolvedIntent, type ResolvedSlotType } from './locale-model.resolver';
import { toStableJson } from './stable-json.serializer';

/**
 * Source → a Dialogflow ES agent in the console's export/restore layout (agent.json,
 * package.json, intents/, entities/). Ids are derived from names, never random, so rebuilding
 * gives identical bytes and a re-import updates the same intents instead of duplicating them.
 */

export const PLACEHOLDER_WEBHOOK_URL = 'https://example.com/dialogflow/webhook';
export const AGENT_FORMAT_VERSION = '1.0.0';

/** Alexa built-in slot types and the Dialogflow system entity that plays the same role. */
export const SYSTEM_ENTITY_FOR: Readonly<Record<string, string>> = {
  'AMAZON.SearchQuery': '@sys.any',
  'AMAZON.NUMBER': '@sys.number',
  'AMAZON.DATE': '@sys.date',
  'AMAZON.DURATION': '@sys.duration',
  'AMAZON.TIME': '@sys.time',
  'AMAZON.FirstName': '@sys.given-name',
  'AMAZON.City': '@sys.geo-city',
  'AMAZON.Country': '@sys.geo-country',
};

export interface DialogflowAgentOptions {
  /** Fulfillment URL; the deploy step or the console sets the real one (and its credentials). */
  webhookUrl?: string;
}

/** A UUID-shaped name hash (SHA-1, version 5 layout): stable across machines and runs. */
export function uuidFromName(name: string): string {
  const bytes = createHash('sha1').update(`lifepath:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The console turns characters a file system may reject into underscores; do the same. */
export function agentFileName(name: string): string {
  return name.replace(/[/\\:*?"<>|]/g, '_');
}

export interface TrainingPhrasePart {
  text: string;
  alias?: string;
  meta?: string;
  userDefined: boolean;
}

export interface UserSays {
  id: string;
  data: TrainingPhrasePart[];
  isTemplate: false;
  count: 0;
  lang: string;
  updated: 0;
}

function entityRef(type: string, customTypes: ReadonlyMap<string, ResolvedSlotType>): string {
  const custom = customTypes.get(type);
  if (custom !== undefined) return `@${custom.dialogflowEntity}`;
  const system = SYSTEM_ENTITY_FOR[type];
  if (system === undefined) throw new AppError('CONTENT_INVALID', `Slot type ${type} has no Dialogflow equivalent; add it to SYSTEM_ENTITY_FOR`);
  return system;
}

/** money, mobility, food, finances, getting around, eating, ...: every value shows up early. */
function interleavedForms(type: ResolvedSlotType): string[] {
  const lists = type.values.map((v) => [v.value, ...v.synonyms]);
  const longest = Math.max(...lists.map((l) => l.length));
  const out: string[] = [];
  for (let i = 0; i < longest; i += 1) {
    for (const list of lists) {
      const form = list[i];
      if (form !== undefined) out.push(form);
    }
  }
  return out;
}

/**
 * Dialogflow learns from annotated examples, not from `{slot}` templates, so each slot reference
 * is replaced by a real value. Values rotate through the type's forms so the model sees variety;
 * the rotation follows the sorted sample order, keeping the output deterministic.
 */
function trainingPhrases(
  intent: ResolvedIntent,
  language: string,
  customTypes: ReadonlyMap<string, ResolvedSlotType>,
): UserSays[] {
  const counters = new Map<string, number>();
  const examplesFor = (slotName: string): { example: string; meta: string } => {
    const slot = intent.slots.find((candidate) => candidate.name === slotName);
    if (slot === undefined) {
      throw new AppError('CONTENT_INVALID', `Dialogflow intent ${intent.name}: sample uses {${slotName}}, which is not a slot of the intent`);
    }
    const custom = customTypes.get(slot.type);
    const pool = custom !== undefined ? interleavedForms(custom) : slot.dialogflowExamples;
    if (pool.length === 0) throw new AppError('CONTENT_INVALID', `Dialogflow intent ${intent.name}: slot ${slotName} has no example values`);
    const n = counters.get(slotName) ?? 0;
    counters.set(slotName, n + 1);
    return { example: pool[n % pool.length] ?? '', meta: entityRef(slot.type, customTypes) };
  };

  return intent.samples.map((sample) => {
    const data: TrainingPhrasePart[] = [];
    sample.split(/\{([^{}]*)\}/).forEach((part, index) => {
      if (index % 2 === 0) {
        if (part !== '') data.push({ text: part, userDefined: false });
        return;
      }
      const { example, meta } = examplesFor(part);
      data.push({ text: example, alias: part, meta, userDefined: true });
    });
    return {
      id: uuidFromName(`usersays:${intent.name}:${language}:${sample}`),
      data,
      isTemplate: false,
      count: 0,
      lang: language,
      updated: 0,
    };
  });
}

export interface GeneratedFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  content: string;
}

export function generateDialogflowAgent(source: ModelSource, options: DialogflowAgentOptions = {}, root = 'dialogflow-agent'): GeneratedFile[] {
  const df = source.skill.dialogflow;
  const languages = Object.keys(df.languages).sort(byCodePoint);
  const localeOf = (language: string): string => df.languages[language] ?? '';
  const files: GeneratedFile[] = [];
  const add = (relative: string, value: unknown): void => {
    files.push({ path: `${root}/${relative}`, content: toStableJson(value) });
  };

  add('package.json', { version: AGENT_FORMAT_VERSION });
  add('agent.json', {
    description: df.description,
    language: df.defaultLanguage,
    shortDescription: '',
    examples: '',
    linkToDocs: '',
    displayName: df.displayName,
    // Answers are personal; keep raw utterances out of Dialogflow's history and Cloud Logging.
    disableInteractionLogs: true,
    disableStackdriverLogs: true,
    defaultTimezone: df.defaultTimezone,
    webhook: {
      url: options.webhookUrl ?? PLACEHOLDER_WEBHOOK_URL,
      username: '',
      headers: {},
      available: true,
      useForDomains: false,
      cloudFunctionsEnabled: false,
      cloudFunctionsInitialized: false,
    },
    isPrivate: true,
    mlMinConfidence: 0.3,
    supportedLanguages: languages.filter((language) => language !== df.defaultLanguage),
    enableOnePlatformApi: true,
    onePlatformApiVersion: 'v2',
    analyzeQueryTextSentiment: false,
    enabledKnowledgeBaseNames: [],
    knowledgeServiceConfidenceAdjustment: 0,
    dialogBuilderMode: false,
    baseActionPackagesUrl: '',
    enableSpellCorrection: false,
  });

  // Intent structure (slots, contexts, flags) is language independent; samples are per language.
  const structure = resolveIntents(source, localeOf(df.defaultLanguage), 'dialogflow');
  const typesByLanguage = new Map(languages.map((language) => [language, new Map(resolveSlotTypes(source, localeOf(language)).map((t) => [t.name, t]))]));
  const defaultTypes = typesByLanguage.get(df.defaultLanguage) ?? new Map<string, ResolvedSlotType>();

  const usedTypes = new Set<string>();
  for (const intent of structure) {
    const messages = languages.map((language) => ({
      type: '0',
      title: '',
      textToSpeech: '',
      lang: language,
      speech: [df.webhookDownMessage[language] ?? ''],
      condition: '',
    }));
    add(`intents/${agentFileName(intent.name)}.json`, {
      id: uuidFromName(`intent:${intent.name}`),
      name: intent.name,
      auto: true,
      contexts: intent.dialogflow.inputContexts,
      responses: [
        {
          resetContexts: false,
          action: intent.dialogflow.action,
          // Contexts are owned by the webhook (it sets awaiting-answer after each question).
          affectedContexts: [],
          parameters: intent.slots.map((slot) => {
            if (defaultTypes.has(slot.type)) usedTypes.add(slot.type);
            return {
              id: uuidFromName(`parameter:${intent.name}:${slot.name}`),
              name: slot.name,
              required: false,
              dataType: entityRef(slot.type, defaultTypes),
              value: `$${slot.name}`,
              defaultValue: '',
              isList: false,
              prompts: [],
              promptMessages: [],
              noMatchPromptMessages: [],
              noInputPromptMessages: [],
              outputDialogContexts: [],
            };
          }),
          messages,
          speech: [],
        },
      ],
      priority: 500000,
      webhookUsed: true,
      webhookForSlotFilling: false,
      fallbackIntent: intent.dialogflow.fallback,
      events: intent.dialogflow.events.map((name) => ({ name })),
      conditionalResponses: [],
      condition: '',
      conditionalFollowupEvents: [],
    });

    for (const language of languages) {
      const localised = resolveIntents(source, localeOf(language), 'dialogflow').find((candidate) => candidate.name === intent.name);
      if (localised === undefined || localised.samples.length === 0) continue;
      add(`intents/${agentFileName(intent.name)}_usersays_${language}.json`, trainingPhrases(localised, language, typesByLanguage.get(language) ?? defaultTypes));
    }
  }

  for (const typeName of [...usedTypes].sort(byCodePoint)) {
    const type = defaultTypes.get(typeName);
    if (type === undefined) continue;
    add(`entities/${agentFileName(type.dialogflowEntity)}.json`, {
      id: uuidFromName(`entity:${type.dialogflowEntity}`),
      name: type.dialogflowEntity,
      isOverridable: true,
      isEnum: false,
      isRegexp: false,
      automatedExpansion: false,
      allowFuzzyExtraction: false,
    });
    for (const language of languages) {
      const localised = typesByLanguage.get(language)?.get(typeName);
      if (localised === undefined) continue;
      add(
        `entities/${agentFileName(type.dialogflowEntity)}_entries_${language}.json`,
        // Dialogflow expects the reference value among its own synonyms.
        localised.values.map((value) => ({ value: value.id, synonyms: sortedUnique([value.value, ...value.synonyms]) })),
      );
    }
  }

  return files.sort((a, b) => byCodePoint(a.path, b.path));
}
