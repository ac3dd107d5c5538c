import type { ModelSource } from './model.schema';
import { byCodePoint, resolveIntents, resolveSlotTypes, sortedUnique } from './locale-model.resolver';

/**
 * Source → skill-package/interactionModels/custom/<locale>.json and skill-package/skill.json.
 * The shapes below are the subset of the Alexa interaction model and manifest schemas this skill
 * uses; the validator reads the same types, so what is checked is exactly what is written.
 */

export const DEFAULT_INVOCATION_NAME = 'life path';
/** Used only when no URL is configured; clearly fake so certification cannot pass with it. */
export const PLACEHOLDER_PRIVACY_POLICY_URL = 'https://example.com/privacy';
export const PLACEHOLDER_TERMS_OF_USE_URL = 'https://example.com/terms';

export interface AlexaSlot {
  name: string;
  type: string;
  samples?: string[];
}

export interface AlexaIntent {
  name: string;
  slots?: AlexaSlot[];
  samples: string[];
}

export interface AlexaSlotTypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}

export interface AlexaSlotType {
  name: string;
  values: AlexaSlotTypeValue[];
}

export interface AlexaDialogSlot {
  name: string;
  type: string;
  confirmationRequired: boolean;
  elicitationRequired: boolean;
  prompts: { elicitation?: string };
}

export interface AlexaDialogIntent {
  name: string;
  delegationStrategy?: 'ALWAYS' | 'SKILL_RESPONSE';
  confirmationRequired: boolean;
  prompts: Record<string, string>;
  slots: AlexaDialogSlot[];
}

export interface AlexaPrompt {
  id: string;
  variations: { type: 'PlainText' | 'SSML'; value: string }[];
}

export interface AlexaInteractionModel {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: AlexaIntent[];
      types?: AlexaSlotType[];
      modelConfiguration?: { fallbackIntentSensitivity: { level: 'LOW' | 'MEDIUM' | 'HIGH' } };
    };
    dialog?: { delegationStrategy?: 'ALWAYS' | 'SKILL_RESPONSE'; intents: AlexaDialogIntent[] };
    prompts?: AlexaPrompt[];
  };
}

export interface AlexaModelOptions {
  invocationName: string;
}

export function elicitationPromptId(intentName: string, slotName: string): string {
  return `Elicit.Slot.${intentName}.${slotName}`;
}

export function generateAlexaModel(source: ModelSource, locale: string, options: AlexaModelOptions): AlexaInteractionModel {
  const intents = resolveIntents(source, locale, 'alexa');
  const types = resolveSlotTypes(source, locale);
  const usedTypes = new Set(intents.flatMap((intent) => intent.slots.map((slot) => slot.type)));

  const dialogIntents: AlexaDialogIntent[] = [];
  const prompts: AlexaPrompt[] = [];
  for (const intent of intents) {
    const elicited = intent.slots.filter((slot) => slot.elicitation !== undefined);
    if (elicited.length === 0) continue;
    dialogIntents.push({
      name: intent.name,
      // The skill decides every turn itself (it sends Dialog.ElicitSlot after asking a question);
      // auto-delegation would make Alexa speak its own prompt and bypass the engine.
      delegationStrategy: 'SKILL_RESPONSE',
      confirmationRequired: false,
      prompts: {},
      slots: intent.slots.map((slot) => ({
        name: slot.name,
        type: slot.type,
        confirmationRequired: false,
        elicitationRequired: slot.elicitation !== undefined,
        prompts: slot.elicitation === undefined ? {} : { elicitation: elicitationPromptId(intent.name, slot.name) },
      })),
    });
    for (const slot of elicited) {
      prompts.push({
        id: elicitationPromptId(intent.name, slot.name),
        variations: (slot.elicitation?.prompts ?? []).map((value) => ({ type: 'PlainText' as const, value })),
      });
    }
  }

  return {
    interactionModel: {
      languageModel: {
        invocationName: options.invocationName,
        modelConfiguration: { fallbackIntentSensitivity: { level: source.skill.alexa.fallbackIntentSensitivity } },
        intents: intents.map((intent) => ({
          name: intent.name,
          ...(intent.slots.length === 0
            ? {}
            : {
                slots: intent.slots.map((slot) => ({
                  name: slot.name,
                  type: slot.type,
                  ...(slot.elicitation === undefined ? {} : { samples: slot.elicitation.samples }),
                })),
              }),
          samples: intent.samples,
        })),
        types: types
          .filter((type) => usedTypes.has(type.name))
          .map((type) => ({
            name: type.name,
            values: type.values.map((value) => ({
              id: value.id,
              name: { value: value.value, synonyms: value.synonyms },
            })),
          })),
      },
      ...(dialogIntents.length === 0
        ? {}
        : { dialog: { delegationStrategy: 'SKILL_RESPONSE' as const, intents: dialogIntents } }),
      ...(prompts.length === 0 ? {} : { prompts: prompts.sort((a, b) => byCodePoint(a.id, b.id)) }),
    },
  };
}

export interface SkillManifestOptions {
  invocationName: string;
  privacyPolicyUrl?: string;
  termsOfUseUrl?: string;
  /**
   * Lambda ARN. `ask deploy` (lambda-deployer) writes it into skill.json after creating the
   * function; the build passes the committed value back in so regenerating does not erase it.
   */
  lambdaEndpointUri?: string;
}

export interface SkillManifest {
  manifest: {
    manifestVersion: '1.0';
    publishingInformation: {
      locales: Record<string, { name: string; summary: string; description: string; examplePhrases: string[]; keywords: string[] }>;
      isAvailableWorldwide: boolean;
      distributionCountries: string[];
      distributionMode: 'PUBLIC' | 'PRIVATE';
      category: string;
      testingInstructions: string;
    };
    apis: { custom: { endpoint?: { uri: string }; interfaces: unknown[] } };
    permissions: { name: string }[];
    privacyAndCompliance: {
      allowsPurchases: boolean;
      usesPersonalInfo: boolean;
      isChildDirected: boolean;
      isExportCompliant: boolean;
      containsAds: boolean;
      locales: Record<string, { privacyPolicyUrl: string; termsOfUseUrl: string }>;
    };
  };
}

export function fillInvocationName(phrase: string, invocationName: string): string {
  return phrase.split('{invocationName}').join(invocationName);
}

export function generateSkillManifest(source: ModelSource, options: SkillManifestOptions): SkillManifest {
  const { publishing } = source.skill;
  const locales = [...source.skill.locales].sort(byCodePoint);
  const publishingLocales: SkillManifest['manifest']['publishingInformation']['locales'] = {};
  const privacyLocales: SkillManifest['manifest']['privacyAndCompliance']['locales'] = {};
  for (const locale of locales) {
    const info = publishing.locales[locale];
    if (info === undefined) continue; // the schema cross-check guarantees presence
    publishingLocales[locale] = {
      name: info.name,
      summary: info.summary,
      description: info.description,
      // Order kept: the first phrase is the one the store shows most prominently.
      examplePhrases: info.examplePhrases.map((phrase) => fillInvocationName(phrase, options.invocationName)),
      keywords: sortedUnique(info.keywords),
    };
    privacyLocales[locale] = {
      privacyPolicyUrl: options.privacyPolicyUrl ?? PLACEHOLDER_PRIVACY_POLICY_URL,
      termsOfUseUrl: options.termsOfUseUrl ?? PLACEHOLDER_TERMS_OF_USE_URL,
    };
  }
  return {
    manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: publishingLocales,
        isAvailableWorldwide: false,
        distributionCountries: sortedUnique(publishing.distributionCountries),
        distributionMode: 'PUBLIC',
        category: publishing.category,
        testingInstructions: publishing.testingInstructions,
      },
      apis: {
        custom: {
          ...(options.lambdaEndpointUri === undefined ? {} : { endpoint: { uri: options.lambdaEndpointUri } }),
          interfaces: sortedUnique(source.skill.alexa.interfaces).map((type) => ({ type })),
        },
      },
      permissions: sortedUnique(source.skill.alexa.permissions).map((name) => ({ name })),
      privacyAndCompliance: {
        allowsPurchases: false,
        usesPersonalInfo: true,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: privacyLocales,
      },
    },
  };
}
