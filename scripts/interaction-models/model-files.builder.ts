import fs from 'node:fs';
import path from 'node:path';
import type { ModelSource } from './model.schema';
import {
  generateAlexaModel,
  generateSkillManifest,
  PLACEHOLDER_PRIVACY_POLICY_URL,
  PLACEHOLDER_TERMS_OF_USE_URL,
  type AlexaInteractionModel,
} from './alexa-model.generator';
import { assertValid, validateAlexaModel, validateExamplePhrases } from './alexa-model.validator';
import { generateDialogflowAgent, PLACEHOLDER_WEBHOOK_URL, type GeneratedFile } from './dialogflow-agent.generator';
import { generateIntentTable, INTENT_TABLE_PATH } from './intent-table.generator';
import { byCodePoint } from './locale-model.resolver';
import { toStableJson } from './stable-json.serializer';

/**
 * Everything `npm run models:build` writes, computed in memory first: the build script writes
 * it, the drift test compares it with what is committed. Generated directories are owned
 * wholesale, so a renamed intent cannot leave a stale file behind; the skill manifest and the
 * runtime intent table are single generated files in directories people also write to.
 */

export type { GeneratedFile } from './dialogflow-agent.generator';

export const ALEXA_MODELS_DIR = 'skill-package/interactionModels/custom';
export const SKILL_MANIFEST_PATH = 'skill-package/skill.json';
export const DIALOGFLOW_AGENT_DIR = 'dialogflow-agent';
/** Directories whose every file is generated (anything else in them is stale). */
export const OWNED_DIRS: readonly string[] = [ALEXA_MODELS_DIR, DIALOGFLOW_AGENT_DIR];
/** Generated files that live beside hand-written ones. */
export const OWNED_FILES: readonly string[] = [SKILL_MANIFEST_PATH, INTENT_TABLE_PATH];
export { INTENT_TABLE_PATH } from './intent-table.generator';

export interface ModelBuildOptions {
  invocationName: string;
  privacyPolicyUrl?: string;
  termsOfUseUrl?: string;
  lambdaEndpointUri?: string;
  dialogflowWebhookUrl?: string;
}

export function buildModelFiles(source: ModelSource, options: ModelBuildOptions): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const models: Record<string, AlexaInteractionModel> = {};
  for (const locale of [...source.skill.locales].sort(byCodePoint)) {
    const model = generateAlexaModel(source, locale, { invocationName: options.invocationName });
    assertValid(
      validateAlexaModel(model).map((issue) => ({ ...issue, path: `${locale}: ${issue.path}` })),
      `Alexa interaction model`,
    );
    models[locale] = model;
    files.push({ path: `${ALEXA_MODELS_DIR}/${locale}.json`, content: toStableJson(model) });
  }
  const manifest = generateSkillManifest(source, options);
  assertValid(validateExamplePhrases(manifest, models), 'Skill manifest');
  files.push({ path: SKILL_MANIFEST_PATH, content: toStableJson(manifest) });
  files.push(...generateDialogflowAgent(source, { webhookUrl: options.dialogflowWebhookUrl }, DIALOGFLOW_AGENT_DIR));
  files.push({ path: INTENT_TABLE_PATH, content: toStableJson(generateIntentTable(source)) });
  return files.sort((a, b) => byCodePoint(a.path, b.path));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function pick(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function nonPlaceholder(value: unknown, placeholder: string): string | undefined {
  return typeof value === 'string' && value !== '' && value !== placeholder ? value : undefined;
}

/**
 * Settings that live in the committed output rather than in the source: values written by
 * `ask deploy` (the Lambda ARN) and the options the last build used. Missing files give {}.
 */
export function readCommittedOptions(root: string): Partial<ModelBuildOptions> {
  const manifest = readJson(path.join(root, SKILL_MANIFEST_PATH));
  const firstLocale = pick(manifest, 'manifest', 'privacyAndCompliance', 'locales');
  const privacy = firstLocale !== null && typeof firstLocale === 'object' ? Object.values(firstLocale)[0] : undefined;
  const options: Partial<ModelBuildOptions> = {};
  const endpoint = pick(manifest, 'manifest', 'apis', 'custom', 'endpoint', 'uri');
  if (typeof endpoint === 'string' && endpoint !== '') options.lambdaEndpointUri = endpoint;
  const privacyUrl = nonPlaceholder(pick(privacy, 'privacyPolicyUrl'), PLACEHOLDER_PRIVACY_POLICY_URL);
  if (privacyUrl !== undefined) options.privacyPolicyUrl = privacyUrl;
  const termsUrl = nonPlaceholder(pick(privacy, 'termsOfUseUrl'), PLACEHOLDER_TERMS_OF_USE_URL);
  if (termsUrl !== undefined) options.termsOfUseUrl = termsUrl;
  const modelsDir = path.join(root, ALEXA_MODELS_DIR);
  const firstModel = fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir).filter((f) => f.endsWith('.json')).sort(byCodePoint)[0] : undefined;
  if (firstModel !== undefined) {
    const name = pick(readJson(path.join(modelsDir, firstModel)), 'interactionModel', 'languageModel', 'invocationName');
    if (typeof name === 'string' && name !== '') options.invocationName = name;
  }
  const webhook = nonPlaceholder(pick(readJson(path.join(root, DIALOGFLOW_AGENT_DIR, 'agent.json')), 'webhook', 'url'), PLACEHOLDER_WEBHOOK_URL);
  if (webhook !== undefined) options.dialogflowWebhookUrl = webhook;
  return options;
}

function walk(dir: string, prefix: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), relative, out);
    else out.push(relative);
  }
}

/** Generated paths currently on disk (owned directories plus the owned single files), sorted. */
export function listCommittedFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of OWNED_DIRS) walk(path.join(root, dir), dir, out);
  for (const file of OWNED_FILES) if (fs.existsSync(path.join(root, file))) out.push(file);
  return out.sort(byCodePoint);
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Writes only what changed (keeps mtimes meaningful) and deletes stale files in owned dirs. */
export function writeModelFiles(root: string, files: readonly GeneratedFile[]): WriteResult {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const existing of listCommittedFiles(root)) {
    if (!wanted.has(existing)) {
      fs.rmSync(path.join(root, existing));
      result.removed.push(existing);
    }
  }
  for (const file of files) {
    const full = path.join(root, file.path);
    if (fs.existsSync(full) && fs.readFileSync(full, 'utf8') === file.content) {
      result.unchanged.push(file.path);
      continue;
    }
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, file.content);
    result.written.push(file.path);
  }
  return result;
}
