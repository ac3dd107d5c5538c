import fs from 'node:fs';
import path from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'alexa');
const REQUESTS = 'requests';

/** A recorded Alexa request envelope from test/fixtures/alexa (a fresh copy each call, safe to edit). */
export function fixture(name: string): RequestEnvelope {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as RequestEnvelope;
}

/**
 * Every envelope in test/fixtures/alexa/requests: `<type>.json` is the usual shape of that request
 * type, `<type>.<variant>.json` another shape of the same type (for example out of session).
 */
export function requestFixtures(): Array<{ name: string; envelope: RequestEnvelope }> {
  return fs
    .readdirSync(path.join(FIXTURES, REQUESTS))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file, envelope: fixture(path.join(REQUESTS, file)) }));
}

/** The usual envelope of one request type, or undefined when none was recorded. */
export function requestFixture(type: string): RequestEnvelope | undefined {
  const file = path.join(FIXTURES, REQUESTS, `${type}.json`);
  return fs.existsSync(file) ? fixture(path.join(REQUESTS, `${type}.json`)) : undefined;
}
