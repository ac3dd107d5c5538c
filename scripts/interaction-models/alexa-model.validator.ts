import { AppError } from '../../src/errors/app-error';
import type { AlexaInteractionModel, SkillManifest } from './alexa-model.generator';

/**
 * Catches, at build time, the mistakes the Alexa console would only report on `ask deploy`
 * (or certification would reject): bad invocation names, SearchQuery samples without a carrier
 * phrase, undeclared slots, clashing utterances. Rules follow Amazon's published requirements
 * for custom skills; where Amazon is vague the rule here is the stricter reading.
 */

export interface ValidationIssue {
  /** JSON path inside the model, e.g. `languageModel.intents[3].samples[2]`. */
  path: string;
  message: string;
}

export const INVOCATION_NAME_MIN_CHARS = 2;
export const INVOCATION_NAME_MAX_CHARS = 50;
export const SAMPLE_MAX_CHARS = 200;

/** Launch phrases and connecting words users put around the name, and wake words. */
export const FORBIDDEN_INVOCATION_WORDS: readonly string[] = [
  'alexa', 'amazon', 'echo', 'computer', 'skill', 'app',
  'launch', 'ask', 'tell', 'open', 'load', 'begin', 'enable', 'run', 'start', 'play', 'resume', 'use',
  'to', 'from', 'in', 'using', 'with', 'about', 'for', 'that', 'by', 'if', 'and', 'whether',
];
/** A two-word name may not consist partly of an article or preposition ("a bicycle", "for fun"). */
const TWO_WORD_FORBIDDEN: readonly string[] = ['the', 'a', 'an', 'for', 'to', 'of', 'my'];

export const SEARCH_QUERY_TYPE = 'AMAZON.SearchQuery';

/** Built-in intents this skill relies on; Amazon requires Cancel, Help, Stop and NavigateHome. */
export const REQUIRED_BUILT_IN_INTENTS: readonly string[] = [
  'AMAZON.CancelIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.HelpIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.NoIntent',
  'AMAZON.RepeatIntent',
  'AMAZON.StartOverIntent',
  'AMAZON.StopIntent',
  'AMAZON.YesIntent',
];

const KNOWN_BUILT_IN_INTENTS = new Set<string>([
  ...REQUIRED_BUILT_IN_INTENTS,
  'AMAZON.LoopOffIntent', 'AMAZON.LoopOnIntent', 'AMAZON.MoreIntent', 'AMAZON.NavigateSettingsIntent',
  'AMAZON.NextIntent', 'AMAZON.PageDownIntent', 'AMAZON.PageUpIntent', 'AMAZON.PauseIntent',
  'AMAZON.PreviousIntent', 'AMAZON.ResumeIntent', 'AMAZON.ScrollDownIntent', 'AMAZON.ScrollLeftIntent',
  'AMAZON.ScrollRightIntent', 'AMAZON.ScrollUpIntent', 'AMAZON.SelectIntent', 'AMAZON.ShuffleOffIntent',
  'AMAZON.ShuffleOnIntent',
]);

/** Built-in slot types this project may reference; extend when a new one is adopted. */
export const KNOWN_BUILT_IN_SLOT_TYPES = new Set<string>([
  SEARCH_QUERY_TYPE, 'AMAZON.NUMBER', 'AMAZON.DATE', 'AMAZON.DURATION', 'AMAZON.TIME',
  'AMAZON.FirstName', 'AMAZON.City', 'AMAZON.Country', 'AMAZON.US_STATE', 'AMAZON.Language',
]);

const SLOT_REFERENCE = /\{([^{}]*)\}/g;

export interface InvocationNameRules {
  /** One-word names are allowed only for a brand the publisher owns. */
  allowSingleWordBrand?: boolean;
}

export function validateInvocationName(name: string, rules: InvocationNameRules = {}): ValidationIssue[] {
  const at = 'languageModel.invocationName';
  const issues: ValidationIssue[] = [];
  if (name.length < INVOCATION_NAME_MIN_CHARS || name.length > INVOCATION_NAME_MAX_CHARS) {
    issues.push({ path: at, message: `invocation name must be ${INVOCATION_NAME_MIN_CHARS}-${INVOCATION_NAME_MAX_CHARS} characters, got ${name.length}` });
  }
  if (!/^[a-z][a-z' .]*[a-z.]$|^[a-z]$/.test(name) || /\s{2,}/.test(name)) {
    issues.push({ path: at, message: `invocation name "${name}" may contain only lower case letters, single spaces, apostrophes and periods` });
  }
  const words = name.split(/\s+/).filter((w) => w !== '');
  if (words.length < 2 && rules.allowSingleWordBrand !== true) {
    issues.push({ path: at, message: `invocation name "${name}" must have at least two words (one word only for an owned brand)` });
  }
  const forbidden = words.filter((w) => FORBIDDEN_INVOCATION_WORDS.includes(w.replace(/[.']/g, '')));
  if (forbidden.length > 0) {
    issues.push({ path: at, message: `invocation name "${name}" must not contain launch, connecting or wake words: ${forbidden.join(', ')}` });
  }
  if (words.length === 2 && words.some((w) => TWO_WORD_FORBIDDEN.includes(w))) {
    issues.push({ path: at, message: `two-word invocation name "${name}" must not use an article, preposition or pronoun` });
  }
  return issues;
}

/** Lower case, single spaces, slot names replaced by their type: what Alexa would confuse. */
export function normaliseUtterance(sample: string, slotTypes: ReadonlyMap<string, string>): string {
  return sample
    .split(/\{([^{}]*)\}/)
    .map((part, index) =>
      index % 2 === 1 ? ` {${slotTypes.get(part) ?? part}} ` : part.toLowerCase().replace(/[^a-z0-9']/g, ' '),
    )
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function slotReferences(sample: string): string[] {
  return [...sample.matchAll(SLOT_REFERENCE)].map((m) => m[1] ?? '');
}

function checkSampleText(sample: string, at: string, issues: ValidationIssue[]): void {
  if (sample.length > SAMPLE_MAX_CHARS) issues.push({ path: at, message: `sample is ${sample.length} characters; the limit is ${SAMPLE_MAX_CHARS}` });
  const words = sample.replace(SLOT_REFERENCE, ' ');
  if (/[^a-zA-Z' .-]/.test(words)) {
    issues.push({ path: at, message: `sample "${sample}" has characters Alexa does not accept (spell numbers out, no punctuation)` });
  }
  if (/[{}]/.test(words)) issues.push({ path: at, message: `sample "${sample}" has an unbalanced slot brace` });
}

export function validateAlexaModel(model: AlexaInteractionModel, rules: InvocationNameRules = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { languageModel, dialog, prompts } = model.interactionModel;
  issues.push(...validateInvocationName(languageModel.invocationName, rules));

  const customTypes = new Map<string, number>();
  (languageModel.types ?? []).forEach((type, t) => {
    const at = `languageModel.types[${t}]`;
    if (customTypes.has(type.name)) issues.push({ path: `${at}.name`, message: `slot type ${type.name} is defined twice` });
    customTypes.set(type.name, t);
    if (type.values.length === 0) issues.push({ path: `${at}.values`, message: `slot type ${type.name} has no values` });
    const forms = new Map<string, string>();
    type.values.forEach((value, v) => {
      for (const form of [value.name.value, ...(value.name.synonyms ?? [])]) {
        const key = form.toLowerCase();
        const owner = forms.get(key);
        if (owner !== undefined) issues.push({ path: `${at}.values[${v}]`, message: `"${form}" already belongs to ${owner} in ${type.name}` });
        forms.set(key, value.id ?? value.name.value);
      }
    });
  });

  const intentNames = new Set<string>();
  /** normalised utterance → where it was first seen, for cross-intent clashes. */
  const seenUtterances = new Map<string, string>();
  languageModel.intents.forEach((intent, i) => {
    const at = `languageModel.intents[${i}]`;
    if (intentNames.has(intent.name)) issues.push({ path: `${at}.name`, message: `intent ${intent.name} is defined twice` });
    intentNames.add(intent.name);
    const builtIn = intent.name.startsWith('AMAZON.');
    if (builtIn && !KNOWN_BUILT_IN_INTENTS.has(intent.name)) issues.push({ path: `${at}.name`, message: `unknown built-in intent ${intent.name}` });
    if (!builtIn && !/^[A-Za-z_]+$/.test(intent.name)) issues.push({ path: `${at}.name`, message: `intent name ${intent.name} may contain only letters and underscores` });
    if (!builtIn && intent.samples.length === 0) issues.push({ path: `${at}.samples`, message: `custom intent ${intent.name} has no samples` });

    const slotTypes = new Map<string, string>();
    (intent.slots ?? []).forEach((slot, s) => {
      if (slotTypes.has(slot.name)) issues.push({ path: `${at}.slots[${s}].name`, message: `slot ${slot.name} is declared twice in ${intent.name}` });
      slotTypes.set(slot.name, slot.type);
    });
    (intent.slots ?? []).forEach((slot, s) => {
      const slotAt = `${at}.slots[${s}]`;
      if (!/^[A-Za-z][A-Za-z_]*$/.test(slot.name)) issues.push({ path: `${slotAt}.name`, message: `slot name ${slot.name} must be letters and underscores, starting with a letter` });
      const isBuiltInType = slot.type.startsWith('AMAZON.');
      if (isBuiltInType ? !KNOWN_BUILT_IN_SLOT_TYPES.has(slot.type) : !customTypes.has(slot.type)) {
        issues.push({ path: `${slotAt}.type`, message: `slot ${intent.name}.${slot.name} uses slot type ${slot.type}, which does not exist` });
      }
      (slot.samples ?? []).forEach((sample, k) => {
        const sampleAt = `${slotAt}.samples[${k}]`;
        checkSampleText(sample, sampleAt, issues);
        const refs = slotReferences(sample);
        for (const ref of refs) {
          if (!slotTypes.has(ref)) {
            issues.push({ path: sampleAt, message: `slot sample "${sample}" uses {${ref}}, which is not a slot of ${intent.name}` });
          }
        }
        if (!refs.includes(slot.name)) issues.push({ path: sampleAt, message: `slot sample "${sample}" must contain {${slot.name}}` });
      });
    });

    intent.samples.forEach((sample, k) => {
      const sampleAt = `${at}.samples[${k}]`;
      checkSampleText(sample, sampleAt, issues);
      const refs = slotReferences(sample);
      for (const ref of refs) {
        if (!slotTypes.has(ref)) issues.push({ path: sampleAt, message: `sample "${sample}" uses {${ref}}, which is not a slot of ${intent.name}` });
      }
      const phraseSlots = refs.filter((ref) => slotTypes.get(ref) === SEARCH_QUERY_TYPE);
      if (phraseSlots.length > 0) {
        const carrier = sample.replace(SLOT_REFERENCE, ' ').trim();
        if (carrier === '') {
          issues.push({ path: sampleAt, message: `sample "${sample}" in ${intent.name} must include a carrier phrase around the ${SEARCH_QUERY_TYPE} slot` });
        }
        if (refs.length > 1) {
          issues.push({ path: sampleAt, message: `sample "${sample}" in ${intent.name} mixes an ${SEARCH_QUERY_TYPE} slot with other slots` });
        }
      }
      const key = normaliseUtterance(sample, slotTypes);
      const first = seenUtterances.get(key);
      if (first !== undefined) {
        issues.push({ path: sampleAt, message: `sample "${sample}" in ${intent.name} duplicates ${first}` });
      } else {
        seenUtterances.set(key, `"${sample}" in ${intent.name}`);
      }
    });
  });

  for (const required of REQUIRED_BUILT_IN_INTENTS) {
    if (!intentNames.has(required)) issues.push({ path: 'languageModel.intents', message: `required built-in intent ${required} is missing` });
  }

  const promptIds = new Set((prompts ?? []).map((p) => p.id));
  (prompts ?? []).forEach((prompt, p) => {
    if (prompt.variations.length === 0) issues.push({ path: `prompts[${p}].variations`, message: `prompt ${prompt.id} has no variations` });
  });
  (dialog?.intents ?? []).forEach((dialogIntent, d) => {
    const at = `dialog.intents[${d}]`;
    const intent = languageModel.intents.find((candidate) => candidate.name === dialogIntent.name);
    if (intent === undefined) {
      issues.push({ path: `${at}.name`, message: `dialog intent ${dialogIntent.name} is not in the language model` });
      return;
    }
    dialogIntent.slots.forEach((slot, s) => {
      const slotAt = `${at}.slots[${s}]`;
      const declared = (intent.slots ?? []).find((candidate) => candidate.name === slot.name);
      if (declared === undefined) {
        issues.push({ path: slotAt, message: `dialog slot ${dialogIntent.name}.${slot.name} is not a slot of the intent` });
      } else if (declared.type !== slot.type) {
        issues.push({ path: `${slotAt}.type`, message: `dialog slot ${dialogIntent.name}.${slot.name} has type ${slot.type}, the intent says ${declared.type}` });
      }
      const elicitation = slot.prompts.elicitation;
      if (slot.elicitationRequired && elicitation === undefined) {
        issues.push({ path: `${slotAt}.prompts`, message: `dialog slot ${dialogIntent.name}.${slot.name} requires elicitation but has no prompt` });
      }
      if (elicitation !== undefined && !promptIds.has(elicitation)) {
        issues.push({ path: `${slotAt}.prompts.elicitation`, message: `prompt ${elicitation} is not defined in prompts` });
      }
      if (slot.elicitationRequired && (declared?.samples ?? []).length === 0) {
        issues.push({ path: slotAt, message: `elicited slot ${dialogIntent.name}.${slot.name} has no slot samples, so a bare reply cannot fill it` });
      }
    });
  });
  return issues;
}

/**
 * Example phrases are what the store shows under "Try saying"; certification rejects one that the
 * model would not understand, so each must name the skill and end in a known sample.
 */
export function validateExamplePhrases(manifest: SkillManifest, models: Readonly<Record<string, AlexaInteractionModel>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [locale, info] of Object.entries(manifest.manifest.publishingInformation.locales)) {
    const model = models[locale];
    if (model === undefined) {
      issues.push({ path: `publishingInformation.locales.${locale}`, message: `no interaction model for ${locale}` });
      continue;
    }
    const { invocationName, intents, types } = model.interactionModel.languageModel;
    const valueForms = new Map<string, string[]>();
    for (const type of types ?? []) valueForms.set(type.name, type.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]));
    const patterns = intents.flatMap((intent) =>
      intent.samples.map((sample) => {
        const slotTypes = new Map((intent.slots ?? []).map((slot) => [slot.name, slot.type]));
        const body = sample
          .split(SLOT_REFERENCE)
          .map((part, index) => {
            if (index % 2 === 0) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
            const forms = valueForms.get(slotTypes.get(part) ?? '');
            return forms === undefined ? '.+' : `(?:${forms.map((f) => f.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('|')})`;
          })
          .join('');
        return new RegExp(`^${body}$`);
      }),
    );
    info.examplePhrases.forEach((phrase, p) => {
      const at = `publishingInformation.locales.${locale}.examplePhrases[${p}]`;
      const lower = phrase.toLowerCase().replace(/[?!.]$/, '');
      if (!lower.startsWith('alexa, ')) {
        issues.push({ path: at, message: `example phrase "${phrase}" must start with "Alexa, "` });
        return;
      }
      const launch = new RegExp(`^alexa, (?:open|start|launch|ask|tell|talk to) ${invocationName.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}(?: (?:to|for|about|and|that|if) )?(.*)$`);
      const match = launch.exec(lower);
      if (match === null) {
        issues.push({ path: at, message: `example phrase "${phrase}" must use a launch phrase and the invocation name "${invocationName}"` });
        return;
      }
      const request = (match[1] ?? '').trim();
      if (request !== '' && !patterns.some((pattern) => pattern.test(request))) {
        issues.push({ path: at, message: `example phrase "${phrase}": "${request}" does not match any sample utterance` });
      }
    });
  }
  return issues;
}

export function assertValid(issues: readonly ValidationIssue[], what: string): void {
  if (issues.length === 0) return;
  throw new AppError('CONTENT_INVALID', `${what} is invalid:\n  ${issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`, { details: issues });
}
