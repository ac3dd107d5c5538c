import fs from 'node:fs';
import path from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'alexa');

/** A recorded Alexa request envelope from test/fixtures/alexa. */
export function fixture(name: string): RequestEnvelope {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as RequestEnvelope;
}
