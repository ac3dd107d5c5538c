import os from 'node:os';
import path from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createAlexaSkill } from '../platforms/alexa/alexa.handlers';
import { loadConfig } from '../config/config';
import { buildDependencies } from './dependencies';
import type { Skill } from 'ask-sdk-core';

/**
 * The Lambda entry (bundled to lambda/dist/index.js). Dependencies are built on the first
 * invocation and reused while the container stays warm; content ships beside the bundle.
 */
let skill: Promise<Skill> | undefined;

function getSkill(): Promise<Skill> {
  skill ??= (async () => {
    // The code folder is read-only in Lambda; only the temp folder is writable (and not durable,
    // which is why production sets DATABASE_URL).
    const config = loadConfig(undefined, { contentDir: path.join(__dirname, 'content'), dataDir: path.join(os.tmpdir(), 'lifepath-data') });
    const deps = await buildDependencies(config);
    return createAlexaSkill({ service: deps.service, logger: deps.logger, skillId: config.alexa.skillId });
  })().catch((error: unknown) => {
    // A failed start (store unreachable) must not poison every later invocation of this container.
    skill = undefined;
    throw error;
  });
  return skill;
}

const UNAVAILABLE = "Sorry, I can't talk right now because of a problem on my side. Please try again a bit later.";

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  let ready: Skill;
  try {
    ready = await getSkill();
  } catch (error) {
    // Without a skill there is no error handler yet; still answer in words, never with an error sound.
    process.stderr.write(`${JSON.stringify({ level: 'error', event: 'lambda-init-failed', errorName: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message })}\n`);
    const silent = event.request?.type === 'SessionEndedRequest';
    return {
      version: '1.0',
      response: silent ? {} : { outputSpeech: { type: 'PlainText', text: UNAVAILABLE }, shouldEndSession: true },
    };
  }
  return ready.invoke(event, context);
}
