import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../../../src/config/config';
import { loadModelSource } from '../../../../scripts/interaction-models/model.schema';
import { resolveSlotTypes } from '../../../../scripts/interaction-models/locale-model.resolver';
import { listAgentFiles, zipAgentDirectory } from '../../../../scripts/interaction-models/dialogflow-agent.zipper';

/** Reads the committed agent, as the console would on import. */
const AGENT_DIR = path.join(PROJECT_ROOT, 'dialogflow-agent');
const source = loadModelSource(path.join(PROJECT_ROOT, 'interaction-models', 'source'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface IntentJson {
  id: string;
  name: string;
  webhookUsed: boolean;
  fallbackIntent: boolean;
  contexts: string[];
  events: { name: string }[];
  responses: { parameters: { name: string; dataType: string; value: string }[]; messages: { lang: string; speech: string[] }[] }[];
}
interface PhraseJson {
  id: string;
  lang: string;
  data: { text: string; alias?: string; meta?: string }[];
}
interface EntryJson {
  value: string;
  synonyms: string[];
}

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(AGENT_DIR, relative), 'utf8')) as T;
}

function intentJson(relative: string): IntentJson {
  return readJson<IntentJson>(relative);
}

function firstResponse(intent: IntentJson): IntentJson['responses'][number] {
  const response = intent.responses[0];
  if (response === undefined) throw new Error(`${intent.name} has no response`);
  return response;
}

const intentFiles = fs
  .readdirSync(path.join(AGENT_DIR, 'intents'))
  .filter((f) => f.endsWith('.json') && !f.includes('_usersays_'))
  .sort();
const usersaysFiles = fs
  .readdirSync(path.join(AGENT_DIR, 'intents'))
  .filter((f) => f.includes('_usersays_'))
  .sort();

/** Minimal reader for stored (uncompressed or deflated) zip entries, via the central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    entries.set(name, method === 0 ? Buffer.from(raw) : inflateRawSync(raw));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('Dialogflow ES agent export', () => {
  it('has agent.json with the default language and the other languages as supported', () => {
    const agent = readJson<{ language: string; supportedLanguages: string[]; webhook: { available: boolean }; disableInteractionLogs: boolean }>('agent.json');
    expect(agent.language).toBe('en');
    expect(agent.supportedLanguages).toEqual(['en-gb']);
    expect(agent.webhook.available).toBe(true);
    expect(agent.disableInteractionLogs).toBe(true);
    expect(readJson<unknown>('package.json')).toEqual({ version: '1.0.0' });
  });

  it('has the intents the adapters map, with unique UUID-shaped ids', () => {
    const names = intentFiles.map((f) => intentJson(`intents/${f}`).name).sort();
    expect(names).toEqual(
      [
        'AnswerFallbackIntent', 'AnswerIntent', 'CancelIntent', 'ChangeDomainIntent', 'ChooseDomainIntent',
        'Default Fallback Intent', 'Default Welcome Intent', 'DeleteMyDataIntent', 'HelpIntent', 'NoIntent',
        'RepeatIntent', 'ResumeIntent', 'SkipIntent', 'StartOverIntent', 'StopIntent', 'WhatDoYouKnowIntent', 'WhoAreTheyIntent', 'YesIntent',
      ].sort(),
    );
    const ids = intentFiles.map((f) => intentJson(`intents/${f}`).id);
    ids.forEach((id) => expect(id).toMatch(UUID));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(intentFiles)('%s uses the webhook and answers something if the webhook is down', (file) => {
    const intent = intentJson(`intents/${file}`);
    expect(intent.webhookUsed).toBe(true);
    expect(`${intent.name}.json`).toBe(file);
    const messages = firstResponse(intent).messages;
    expect(messages.map((m) => m.lang).sort()).toEqual(['en', 'en-gb']);
    messages.forEach((m) => expect(m.speech[0]?.length).toBeGreaterThan(0));
  });

  it('starts on the WELCOME event and has a default fallback', () => {
    expect(intentJson('intents/Default Welcome Intent.json').events).toEqual([{ name: 'WELCOME' }]);
    const fallback = intentJson('intents/Default Fallback Intent.json');
    expect(fallback.fallbackIntent).toBe(true);
    expect(fallback.contexts).toEqual([]);
  });

  it('captures bare answers only while the webhook waits for one', () => {
    const bare = intentJson('intents/AnswerFallbackIntent.json');
    expect(bare.fallbackIntent).toBe(true);
    expect(bare.contexts).toEqual(['awaiting-answer']);
    const answer = intentJson('intents/AnswerIntent.json');
    expect(answer.contexts).toEqual(['awaiting-answer']);
    expect(firstResponse(answer).parameters).toEqual([expect.objectContaining({ name: 'answer', dataType: '@sys.any', value: '$answer' })]);
  });

  it.each(usersaysFiles)('%s parses, matches its intent and annotates only declared parameters', (file) => {
    const match = /^(.*)_usersays_(en|en-gb)\.json$/.exec(file);
    expect(match).not.toBeNull();
    const [, intentName, language] = match as RegExpExecArray;
    const intent = intentJson(`intents/${intentName}.json`);
    const parameters = new Map<string, string>(firstResponse(intent).parameters.map((p) => [p.name, p.dataType]));
    const phrases = readJson<PhraseJson[]>(`intents/${file}`);
    expect(phrases.length).toBeGreaterThan(0);
    const texts = new Set<string>();
    for (const phrase of phrases) {
      expect(phrase.id).toMatch(UUID);
      expect(phrase.lang).toBe(language);
      const text = phrase.data.map((part) => part.text).join('');
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(0);
      texts.add(text);
      for (const part of phrase.data) {
        if (part.alias === undefined) continue;
        expect(parameters.get(part.alias)).toBe(part.meta);
      }
    }
    expect(texts.size).toBe(phrases.length);
  });

  it('does not train the same phrase into two intents', () => {
    for (const language of ['en', 'en-gb']) {
      const owner = new Map<string, string>();
      for (const file of usersaysFiles.filter((f) => f.endsWith(`_usersays_${language}.json`))) {
        for (const phrase of readJson<PhraseJson[]>(`intents/${file}`)) {
          const text = phrase.data.map((part) => part.text).join('').toLowerCase();
          expect([text, owner.get(text) ?? file]).toEqual([text, file]);
          owner.set(text, file);
        }
      }
    }
  });

  it('has the domain entity with exactly the source values and synonyms per language', () => {
    const entity = readJson<{ name: string; id: string }>('entities/domain.json');
    expect(entity.name).toBe('domain');
    expect(entity.id).toMatch(UUID);
    for (const [language, locale] of [['en', 'en-US'], ['en-gb', 'en-GB']] as const) {
      const entries = readJson<EntryJson[]>(`entities/domain_entries_${language}.json`);
      const type = resolveSlotTypes(source, locale).find((t) => t.name === 'LIFE_DOMAIN');
      expect(entries.map((e) => e.value)).toEqual(type?.values.map((v) => v.id));
      for (const value of type?.values ?? []) {
        const entry = entries.find((e) => e.value === value.id);
        expect(new Set(entry?.synonyms)).toEqual(new Set([value.value, ...value.synonyms]));
      }
    }
  });

  it('applies the en-GB synonym overrides', () => {
    const en = readJson<EntryJson[]>('entities/domain_entries_en.json');
    const gb = readJson<EntryJson[]>('entities/domain_entries_en-gb.json');
    const mobility = (entries: EntryJson[]): string[] => entries.find((e) => e.value === 'mobility')?.synonyms ?? [];
    expect(mobility(gb)).toEqual(expect.arrayContaining(['the tube', 'petrol']));
    expect(mobility(gb)).not.toContain('gas');
    expect(mobility(en)).toContain('gas');
    expect(mobility(en)).not.toContain('the tube');
  });

  it('zips every agent file under its relative path', async () => {
    const zip = readZip(await zipAgentDirectory(AGENT_DIR));
    const files = listAgentFiles(AGENT_DIR);
    expect([...zip.keys()]).toEqual(files);
    expect(files).toContain('agent.json');
    expect(files).toContain('intents/AnswerIntent_usersays_en-gb.json');
    for (const file of files) expect(zip.get(file)?.toString('utf8')).toBe(fs.readFileSync(path.join(AGENT_DIR, file), 'utf8'));
  });
});
