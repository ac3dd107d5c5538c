import os from 'node:os';
import path from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createAlexaSkill } from '../platforms/alexa/alexa.handlers';
import { speaks } from '../platforms/alexa/alexa-request.policy';
import { loadConfig } from '../config/config';
import { loadContent, type ContentCatalog } from '../content/content.loader';
import { buildDependencies } from './dependencies';
import type { Skill } from 'ask-sdk-core';

/**
 * The Lambda entry (bundled to lambda/dist/index.js). Dependencies are built on the first
 * invocation and reused while the container stays warm; content ships beside the bundle.
 */
let skill: Promise<Skill> | undefined;
/** Where content lives once configuration has been read; the bundled copy until then. */
let contentDir = path.join(__dirname, 'content');

function getSkill(): Promise<Skill> {
  skill ??= (async () => {
    // The code folder is read-only in Lambda; only the temp folder is writable (and not durable,
    // which is why production sets DATABASE_URL).
    const config = loadConfig(undefined, { contentDir, dataDir: path.join(os.tmpdir(), 'lifepath-data') });
    contentDir = config.contentDir;
    const deps = await buildDependencies(config);
    return createAlexaSkill({ service: deps.service, content: deps.content, logger: deps.logger, skillId: config.alexa.skillId });
  })().catch((error: unknown) => {
    // A failed start (store unreachable) must not poison every later invocation of this container.
    skill = undefined;
    throw error;
  });
  return skill;
}

/** Only when the content itself cannot be read; otherwise the customer hears `common.unavailable` in their locale. */
const LAST_RESORT_UNAVAILABLE = "Sorry, I can't talk right now because of a problem on my side. Please try again a bit later.";

let fallbackContent: ContentCatalog | undefined;

function unavailableLine(locale: string | undefined): string {
  try {
    // Content does not depend on the store, so it usually loads even when the start failed.
    fallbackContent ??= loadContent(contentDir);
    return fallbackContent.forLocale(locale ?? 'en-US').common.unavailable;
  } catch {
    return LAST_RESORT_UNAVAILABLE;
  }
}

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  let ready: Skill;
  try {
    ready = await getSkill();
  } catch (error) {
    // Without a skill there is no error handler yet; still answer in words, never with an error sound.
    process.stderr.write(`${JSON.stringify({ level: 'error', event: 'lambda-init-failed', errorName: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message })}\n`);
    // Only where our reply would have spoken; Alexa rejects speech for audio, skill and list events.
    const speak = event.request !== undefined && speaks(event);
    return {
      version: '1.0',
      response: speak ? { outputSpeech: { type: 'PlainText', text: unavailableLine(event.request.locale) }, shouldEndSession: true } : {},
    };
  }
  return ready.invoke(event, context);
}
