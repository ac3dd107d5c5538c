import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src/errors/app-error';
import { ACTION_SLOT_ROLE, INTENT_ACTIONS, SLOT_ROLES, WITHOUT_SLOT } from '../../src/platforms/intent-table.schema';

/**
 * One source for every voice platform. Writers edit interaction-models/source/*.json; the
 * generators turn it into the Alexa skill package and the Dialogflow ES agent, so the two can
 * never drift apart. Each platform only gets an override where it genuinely differs.
 */

export const SOURCE_FILES = {
  skill: 'skill.json',
  slotTypes: 'slot-types.json',
  intents: 'intents.json',
} as const;

const text = z.string().trim().min(1);
const localeCode = z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'must look like en-US');
/** Spoken forms only: numbers spelled out, no punctuation a speaker cannot say. */
const utterance = z
  .string()
  .trim()
  .min(1)
  .regex(/^[a-z' .{}_A-Z-]+$/, 'may contain only letters, spaces, apostrophes, periods, hyphens and {slot} references')
  .refine(
    (value) => {
      const words = value.replace(/\{[^}]*\}/g, '');
      return words === words.toLowerCase();
    },
    { message: 'must be lower case (slot names excepted)' },
  );
const intentName = z.string().regex(/^(AMAZON\.[A-Za-z]+|[A-Za-z][A-Za-z_ ]*)$/, 'must be letters and underscores, or AMAZON.<Name>');
const slotName = z.string().regex(/^[A-Za-z][A-Za-z_]*$/, 'must start with a letter and contain only letters and underscores');
const contextName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower case letters, digits, hyphens or underscores');
/** Dialogflow language codes are lower case ("en", "en-gb"). */
const dialogflowLanguage = z.string().regex(/^[a-z]{2}(-[a-z]{2})?$/, 'must look like en or en-gb');
const platform = z.enum(['alexa', 'dialogflow']);

/** Per-locale change to a list that is otherwise shared by every locale of the language. */
const listDelta = z
  .object({ add: z.array(utterance).default([]), remove: z.array(utterance).default([]) })
  .strict();

const publishingLocale = z
  .object({
    name: text.max(50),
    summary: text.max(160),
    description: text.max(4000),
    /** `{invocationName}` is replaced at generation time, since the name is configurable. */
    examplePhrases: z.array(text).min(1).max(3),
    keywords: z.array(text).max(30).default([]),
  })
  .strict();

export const SkillSourceSchema = z
  .object({
    locales: z.array(localeCode).min(1),
    publishing: z
      .object({
        category: z.string().regex(/^[A-Z][A-Z_]*$/, 'must be an Alexa category id such as SELF_IMPROVEMENT'),
        distributionCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')).min(1),
        testingInstructions: text,
        locales: z.record(localeCode, publishingLocale),
      })
      .strict(),
    alexa: z
      .object({
        fallbackIntentSensitivity: z.enum(['LOW', 'MEDIUM', 'HIGH']).default('LOW'),
        permissions: z.array(z.string().regex(/^alexa::[a-z_:.]+$/, 'must be an Alexa permission scope')).default([]),
        /** Optional request interfaces the skill declares; CanFulfill lets Alexa offer the skill name-free. */
        interfaces: z.array(z.enum(['CAN_FULFILL_INTENT_REQUEST'])).default([]),
      })
      .strict(),
    dialogflow: z
      .object({
        displayName: text,
        description: z.string().default(''),
        defaultTimezone: text,
        defaultLanguage: dialogflowLanguage,
        /** Dialogflow language → the source locale whose samples it gets. */
        languages: z.record(dialogflowLanguage, localeCode),
        awaitingAnswerContext: contextName,
        /** Static reply per language, only heard when the webhook cannot be reached. */
        webhookDownMessage: z.record(dialogflowLanguage, text),
      })
      .strict(),
  })
  .strict();

const slotTypeValue = z
  .object({
    /** Stable id the engine receives (entity resolution id on Alexa, reference value on Dialogflow). */
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a lower case id'),
    value: utterance,
    synonyms: z.array(utterance).default([]),
  })
  .strict();

export const SlotTypesSourceSchema = z
  .object({
    types: z.array(
      z
        .object({
          name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be UPPER_SNAKE_CASE'),
          description: z.string().default(''),
          /** Entity type name on Dialogflow, where slot type naming conventions differ. */
          dialogflowEntity: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a lower case entity name'),
          values: z.array(slotTypeValue).min(1),
          locales: z
            .record(
              localeCode,
              z.object({ values: z.record(z.string(), z.object({ add: z.array(utterance).default([]), remove: z.array(utterance).default([]) }).strict()) }).strict(),
            )
            .default({}),
        })
        .strict(),
    ),
  })
  .strict();

const slotSource = z
  .object({
    name: slotName,
    type: z.string().regex(/^(AMAZON\.[A-Za-z_]+|[A-Z][A-Z0-9_]*)$/, 'must be AMAZON.<Type> or a custom UPPER_SNAKE_CASE type'),
    /** Present when the skill may ask for this slot on its own (Dialog.ElicitSlot). */
    elicitation: z
      .object({ prompts: z.array(text).min(1), samples: z.array(utterance).min(1) })
      .strict()
      .optional(),
    /** Example values for Dialogflow training phrases when the type has no value list of its own. */
    dialogflowExamples: z.array(text).optional(),
    /** What the slot carries for the intent's action (the area of life, or the answer). */
    role: z.enum(SLOT_ROLES).optional(),
  })
  .strict();

const dialogflowIntentOverride = z
  .object({
    /** Display name on Dialogflow; defaults to the source name. Needed for AMAZON.* built-ins. */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_ .-]*$/, 'must be a plain Dialogflow display name').optional(),
    /**
     * Added to the shared samples on Dialogflow only. For a built-in these are what Alexa already
     * understands without being told ("yes", "stop"); its shared samples extend both platforms.
     */
    samples: z.array(utterance).optional(),
    action: z.string().default(''),
    inputContexts: z.array(contextName).default([]),
    events: z.array(z.string().regex(/^[A-Z_]+$/, 'must be an upper case event name')).default([]),
    fallback: z.boolean().default(false),
  })
  .strict();

export const IntentsSourceSchema = z
  .object({
    intents: z.array(
      z
        .object({
          name: intentName,
          description: z.string().default(''),
          /** The customer action every channel maps this intent to (src/platforms/intent-table.generated.json). */
          action: z.enum(INTENT_ACTIONS),
          /** For an action that needs a slot: what it becomes when the slot is empty (default unknown). */
          withoutSlot: z.enum(WITHOUT_SLOT).optional(),
          platforms: z.array(platform).min(1).default(['alexa', 'dialogflow']),
          slots: z.array(slotSource).default([]),
          samples: z.array(utterance).default([]),
          locales: z.record(localeCode, listDelta).default({}),
          dialogflow: dialogflowIntentOverride.optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type SkillSource = z.infer<typeof SkillSourceSchema>;
export type SlotTypesSource = z.infer<typeof SlotTypesSourceSchema>;
export type IntentsSource = z.infer<typeof IntentsSourceSchema>;
export type SlotTypeSource = SlotTypesSource['types'][number];
export type IntentSource = IntentsSource['intents'][number];
export type SlotSource = IntentSource['slots'][number];
export type Platform = z.infer<typeof platform>;

export interface ModelSource {
  skill: SkillSource;
  slotTypes: SlotTypesSource;
  intents: IntentsSource;
}

/** Raw file contents keyed by file name, so tests can feed broken sources without touching disk. */
export type RawSourceFiles = Record<(typeof SOURCE_FILES)[keyof typeof SOURCE_FILES], unknown>;

/** `intents[3].samples[2]`: the form a writer can find in the file. */
function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

function fail(problems: string[]): never {
  throw new AppError('CONTENT_INVALID', `Invalid interaction model source:\n  ${problems.join('\n  ')}`, {
    details: problems,
  });
}

function parseFile<T>(schema: z.ZodType<T>, file: string, raw: unknown, problems: string[]): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${file}: ${formatPath(issue.path)}: ${issue.message}`);
  return undefined;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) dupes.add(value);
    seen.add(key);
  }
  return [...dupes];
}

/** Rules that span fields or files and that a per-file schema cannot express. */
function crossCheck(source: ModelSource, problems: string[]): void {
  const { skill, slotTypes, intents } = source;
  const locales = new Set(skill.locales);
  const skillFile = SOURCE_FILES.skill;
  const typesFile = SOURCE_FILES.slotTypes;
  const intentsFile = SOURCE_FILES.intents;

  for (const locale of skill.locales) {
    if (!(locale in skill.publishing.locales)) problems.push(`${skillFile}: publishing.locales.${locale}: missing publishing information for a declared locale`);
  }
  for (const locale of Object.keys(skill.publishing.locales)) {
    if (!locales.has(locale)) problems.push(`${skillFile}: publishing.locales.${locale}: locale is not listed in locales`);
  }
  for (const [language, locale] of Object.entries(skill.dialogflow.languages)) {
    if (!locales.has(locale)) problems.push(`${skillFile}: dialogflow.languages.${language}: ${locale} is not listed in locales`);
    if (!(language in skill.dialogflow.webhookDownMessage)) problems.push(`${skillFile}: dialogflow.webhookDownMessage.${language}: missing message for a Dialogflow language`);
  }
  if (!(skill.dialogflow.defaultLanguage in skill.dialogflow.languages)) {
    problems.push(`${skillFile}: dialogflow.defaultLanguage: ${skill.dialogflow.defaultLanguage} is not a key of dialogflow.languages`);
  }

  const typeNames = new Set<string>();
  const entityNames = new Set<string>();
  slotTypes.types.forEach((type, t) => {
    const at = `${typesFile}: types[${t}]`;
    if (typeNames.has(type.name)) problems.push(`${at}.name: duplicate slot type ${type.name}`);
    typeNames.add(type.name);
    if (entityNames.has(type.dialogflowEntity)) problems.push(`${at}.dialogflowEntity: duplicate entity name ${type.dialogflowEntity}`);
    entityNames.add(type.dialogflowEntity);
    for (const id of duplicates(type.values.map((v) => v.id))) problems.push(`${at}.values: duplicate value id ${id}`);
    const allForms = type.values.flatMap((v) => [v.value, ...v.synonyms]);
    for (const form of duplicates(allForms)) problems.push(`${at}.values: "${form}" is used by more than one value or twice`);
    for (const [locale, delta] of Object.entries(type.locales)) {
      if (!locales.has(locale)) problems.push(`${at}.locales.${locale}: locale is not listed in ${skillFile} locales`);
      for (const [id, change] of Object.entries(delta.values)) {
        const value = type.values.find((v) => v.id === id);
        if (value === undefined) {
          problems.push(`${at}.locales.${locale}.values.${id}: no value with this id`);
          continue;
        }
        change.remove.forEach((synonym, r) => {
          if (!value.synonyms.includes(synonym)) problems.push(`${at}.locales.${locale}.values.${id}.remove[${r}]: "${synonym}" is not a synonym of ${id}`);
        });
      }
    }
  });

  const names = new Set<string>();
  const dialogflowNames = new Set<string>();
  intents.intents.forEach((intent, i) => {
    const at = `${intentsFile}: intents[${i}]`;
    if (names.has(intent.name)) problems.push(`${at}.name: duplicate intent ${intent.name}`);
    names.add(intent.name);
    const onAlexa = intent.platforms.includes('alexa');
    const onDialogflow = intent.platforms.includes('dialogflow');
    const builtIn = intent.name.startsWith('AMAZON.');
    if (!onAlexa && builtIn) problems.push(`${at}.platforms: an AMAZON.* intent must be on alexa`);
    if (onAlexa && !builtIn && !/^[A-Za-z_]+$/.test(intent.name)) problems.push(`${at}.name: Alexa intent names may contain only letters and underscores`);
    if (onDialogflow) {
      const dfName = intent.dialogflow?.name ?? intent.name;
      if (dfName.startsWith('AMAZON.')) problems.push(`${at}.dialogflow.name: a built-in needs a Dialogflow display name`);
      if (dialogflowNames.has(dfName)) problems.push(`${at}.dialogflow.name: duplicate Dialogflow intent ${dfName}`);
      dialogflowNames.add(dfName);
      const fallback = intent.dialogflow?.fallback ?? false;
      const dfSamples = [...intent.samples, ...(intent.dialogflow?.samples ?? [])];
      if (!fallback && dfSamples.length === 0 && (intent.dialogflow?.events ?? []).length === 0) {
        problems.push(`${at}.dialogflow.samples: a Dialogflow intent needs samples or an event`);
      }
      (intent.dialogflow?.inputContexts ?? []).forEach((context, c) => {
        // The webhook sets exactly one context; an intent waiting on another would never match.
        if (context !== skill.dialogflow.awaitingAnswerContext) {
          problems.push(`${at}.dialogflow.inputContexts[${c}]: "${context}" is not the webhook's context "${skill.dialogflow.awaitingAnswerContext}"`);
        }
      });
    } else if (intent.dialogflow !== undefined) {
      problems.push(`${at}.dialogflow: overrides given but dialogflow is not in platforms`);
    }
    if (onAlexa && !builtIn && intent.samples.length === 0) problems.push(`${at}.samples: a custom Alexa intent needs samples`);

    const slotNames = new Set<string>();
    intent.slots.forEach((slot, s) => {
      if (slotNames.has(slot.name)) problems.push(`${at}.slots[${s}].name: duplicate slot ${slot.name}`);
      slotNames.add(slot.name);
      if (!slot.type.startsWith('AMAZON.') && !typeNames.has(slot.type)) {
        problems.push(`${at}.slots[${s}].type: slot type ${slot.type} is not defined in ${typesFile}`);
      }
      if (onDialogflow && slot.type.startsWith('AMAZON.') && (slot.dialogflowExamples ?? []).length === 0) {
        problems.push(`${at}.slots[${s}].dialogflowExamples: needed for a built-in slot type on Dialogflow`);
      }
    });
    for (const sample of duplicates(intent.samples)) problems.push(`${at}.samples: "${sample}" is listed twice`);
    const dialogflowOnly = intent.dialogflow?.samples ?? [];
    for (const sample of duplicates(dialogflowOnly)) problems.push(`${at}.dialogflow.samples: "${sample}" is listed twice`);
    const shared = new Set(intent.samples.map((sample) => sample.toLowerCase()));
    for (const sample of dialogflowOnly.filter((candidate) => shared.has(candidate.toLowerCase()))) {
      problems.push(`${at}.dialogflow.samples: "${sample}" is already a shared sample`);
    }
    for (const [locale, delta] of Object.entries(intent.locales)) {
      if (!locales.has(locale)) problems.push(`${at}.locales.${locale}: locale is not listed in ${skillFile} locales`);
      delta.remove.forEach((sample, r) => {
        if (!intent.samples.includes(sample) && !(intent.dialogflow?.samples ?? []).includes(sample)) {
          problems.push(`${at}.locales.${locale}.remove[${r}]: "${sample}" is not one of the shared samples`);
        }
      });
    }
    checkAction(intent, at, slotTypes, problems);
  });
}

/**
 * The action's slot rules, so the one table can map every channel the same way: a domain action
 * names its LIFE_DOMAIN-like slot, an answer names its answer slot or takes the customer's words,
 * and nothing else claims a slot role or an empty-slot rule it would never use.
 */
function checkAction(intent: IntentSource, at: string, slotTypes: SlotTypesSource, problems: string[]): void {
  const wanted = ACTION_SLOT_ROLE[intent.action];
  const withRole = intent.slots.map((slot, s) => ({ slot, s })).filter(({ slot }) => slot.role !== undefined);
  for (const { slot, s } of withRole) {
    if (slot.role !== wanted) problems.push(`${at}.slots[${s}].role: action ${intent.action} has no use for a ${slot.role} slot`);
  }
  if (withRole.length > 1) problems.push(`${at}.slots: only one slot may carry the ${wanted ?? 'action'}`);
  if (wanted === undefined) {
    if (intent.withoutSlot !== undefined) problems.push(`${at}.withoutSlot: action ${intent.action} takes no slot`);
    return;
  }
  const carrier = withRole.find(({ slot }) => slot.role === wanted)?.slot;
  if (wanted === 'domain') {
    if (carrier === undefined) problems.push(`${at}.slots: action ${intent.action} needs a slot with role "domain"`);
    else if (!slotTypes.types.some((type) => type.name === carrier.type)) {
      problems.push(`${at}.slots: the domain slot ${carrier.name} needs a custom slot type, whose values are the domain ids`);
    }
  }
  if (wanted === 'answer' && carrier === undefined && intent.withoutSlot !== 'words') {
    problems.push(`${at}.withoutSlot: an answer intent without an answer slot must take the customer's words ("words")`);
  }
}

/** Validates already-read source files; throws AppError('CONTENT_INVALID') naming file and field. */
export function parseModelSource(files: RawSourceFiles): ModelSource {
  const problems: string[] = [];
  const skill = parseFile(SkillSourceSchema, SOURCE_FILES.skill, files[SOURCE_FILES.skill], problems);
  const slotTypes = parseFile(SlotTypesSourceSchema, SOURCE_FILES.slotTypes, files[SOURCE_FILES.slotTypes], problems);
  const intents = parseFile(IntentsSourceSchema, SOURCE_FILES.intents, files[SOURCE_FILES.intents], problems);
  if (skill === undefined || slotTypes === undefined || intents === undefined) fail(problems);
  const source: ModelSource = { skill, slotTypes, intents };
  crossCheck(source, problems);
  if (problems.length > 0) fail(problems);
  return source;
}

/** Reads and validates interaction-models/source (or another directory with the same files). */
export function loadModelSource(sourceDir: string): ModelSource {
  const files = {} as RawSourceFiles;
  const problems: string[] = [];
  for (const file of Object.values(SOURCE_FILES)) {
    const full = path.join(sourceDir, file);
    let body: string;
    try {
      body = fs.readFileSync(full, 'utf8');
    } catch (error) {
      problems.push(`${file}: cannot be read (${(error as Error).message})`);
      continue;
    }
    try {
      files[file] = JSON.parse(body) as unknown;
    } catch (error) {
      problems.push(`${file}: is not valid JSON (${(error as Error).message})`);
    }
  }
  if (problems.length > 0) fail(problems);
  return parseModelSource(files);
}
