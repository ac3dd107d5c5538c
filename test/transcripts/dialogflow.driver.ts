import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WebhookResponseSchema } from '../../src/platforms/dialogflow/dialogflow.schema';
import type { Reply, TranscriptDriver } from './transcript.runner';
import type { StepAction, TranscriptStep } from './transcripts';
import { GOOD_HEADERS, post } from '../support/dialogflow.http';

const AGENT = path.resolve(__dirname, '..', '..', 'dialogflow-agent');
export const PROJECT = 'lifepath-transcripts';

const INTENT_FOR: Partial<Record<StepAction, string>> = {
  launch: 'Default Welcome Intent',
  help: 'HelpIntent',
  stop: 'StopIntent',
  repeat: 'RepeatIntent',
  'start-over': 'StartOverIntent',
  yes: 'YesIntent',
  no: 'NoIntent',
  skip: 'SkipIntent',
  resume: 'ResumeIntent',
  'delete-data': 'DeleteMyDataIntent',
  'what-do-you-know': 'WhatDoYouKnowIntent',
  'ask-about-partner': 'WhoAreTheyIntent',
};

/** What a customer would type or say for each command. */
const SAID: Partial<Record<StepAction, string>> = {
  launch: '',
  help: 'what can i say',
  stop: 'stop',
  repeat: 'say that again',
  'start-over': 'start over',
  yes: 'yes',
  no: 'no',
  skip: 'skip this one',
  resume: 'carry on',
  'delete-data': 'delete my answers',
  'what-do-you-know': 'what do you know about me',
  'ask-about-partner': 'who are they',
};

interface LiveContext {
  lifespan: number;
  parameters?: Record<string, unknown>;
}

type Entry = { value: string; synonyms: string[] };

/**
 * Plays Dialogflow ES against the webhook over HTTP: builds each WebhookRequest as Dialogflow
 * would (intent display name, queryText, @domain resolved through the generated entity,
 * active contexts with the matched intent's parameters merged in), then keeps the contexts the
 * response sets and counts their lifespans down turn by turn. Answers go to AnswerIntent or the
 * context-bound AnswerFallbackIntent only while `awaiting-answer` is active, as the agent's
 * input contexts allow; otherwise they land in the Default Fallback Intent.
 */
export class DialogflowDriver implements TranscriptDriver {
  /** Display names of every intent sent, in order. */
  readonly intents: string[] = [];
  private contexts = new Map<string, LiveContext>();
  private session = '';
  private userId = '';
  private languageCode = 'en';
  private entries: Entry[] = [];

  constructor(private readonly url: string) {}

  async startSession(opts: { userId: string; sessionId: string; locale: string }): Promise<void> {
    this.session = `projects/${PROJECT}/agent/sessions/${opts.sessionId}`;
    this.userId = opts.userId;
    this.contexts.clear();
    this.languageCode = opts.locale === 'en-GB' ? 'en-gb' : 'en';
    const file = path.join(AGENT, 'entities', `domain_entries_${this.languageCode}.json`);
    this.entries = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Entry[]) : [];
  }

  async send(step: TranscriptStep): Promise<Reply> {
    const { intent, queryText, parameters } = this.understand(step);
    this.intents.push(intent);
    const outputContexts = [...this.contexts.entries()].map(([id, c]) => ({
      name: `${this.session}/contexts/${id}`,
      lifespanCount: c.lifespan,
      parameters: { ...c.parameters, ...withOriginals(parameters, queryText) },
    }));
    const body = {
      responseId: `${randomUUID()}-${randomUUID().slice(0, 8)}`,
      session: this.session,
      queryResult: {
        queryText,
        parameters,
        allRequiredParamsPresent: true,
        fulfillmentText: "Sorry, I can't reach my notes right now. Please try again in a minute.",
        outputContexts,
        intent: { name: `projects/${PROJECT}/agent/intents/${randomUUID()}`, displayName: intent },
        intentDetectionConfidence: 1,
        languageCode: this.languageCode,
      },
      originalDetectIntentRequest: { payload: { userId: this.userId } },
    };
    const { status, json } = await post(this.url, body, GOOD_HEADERS);
    if (status !== 200) throw new Error(`webhook answered ${status}: ${JSON.stringify(json)}`);
    const response = WebhookResponseSchema.parse(json);
    // Dialogflow spends one turn of every context's lifespan on each query, then applies what the webhook set.
    for (const [id, c] of this.contexts) {
      c.lifespan -= 1;
      if (c.lifespan <= 0) this.contexts.delete(id);
    }
    for (const c of response.outputContexts) {
      const id = c.name.slice(c.name.lastIndexOf('/') + 1);
      if (c.lifespanCount === 0) this.contexts.delete(id);
      else this.contexts.set(id, { lifespan: c.lifespanCount, parameters: c.parameters });
    }
    const first = response.fulfillmentMessages[0];
    const speech = first && 'text' in first ? (first.text.text[0] ?? '') : '';
    const lifepath = response.payload.lifepath;
    return { speech, reprompt: lifepath.reprompt, endSession: lifepath.endConversation, kind: lifepath.kind as Reply['kind'] };
  }

  private understand(step: TranscriptStep): { intent: string; queryText: string; parameters: Record<string, unknown> } {
    const said = step.say ?? '';
    const awaiting = this.contexts.has('awaiting-answer');
    switch (step.as) {
      case 'choose-domain':
        return { intent: 'ChooseDomainIntent', queryText: said, parameters: { domain: this.resolve(said) } };
      case 'change-domain':
        return { intent: 'ChangeDomainIntent', queryText: step.say ? `let's talk about ${said}` : 'change the topic', parameters: { domain: this.resolve(said) } };
      case 'answer':
        if (!awaiting) return { intent: 'Default Fallback Intent', queryText: said, parameters: {} };
        // Carrier phrases like the AnswerIntent samples ("i dream of ...") match it; bare answers fall back.
        return /^i /.test(said) ? { intent: 'AnswerIntent', queryText: said, parameters: { answer: said.replace(/^i \w+ (of )?/, '') } } : { intent: 'AnswerFallbackIntent', queryText: said, parameters: {} };
      case 'unknown':
        return { intent: awaiting ? 'AnswerFallbackIntent' : 'Default Fallback Intent', queryText: said, parameters: {} };
      default:
        return { intent: INTENT_FOR[step.as] ?? 'Default Fallback Intent', queryText: step.say ?? SAID[step.as] ?? step.as, parameters: {} };
    }
  }

  /** The @domain entity as Dialogflow resolves it: the canonical value for a synonym, empty otherwise. */
  private resolve(words: string): string {
    const wanted = words.trim().toLowerCase();
    if (wanted === '') return '';
    return this.entries.find((e) => e.value === wanted || e.synonyms.includes(wanted))?.value ?? '';
  }
}

/** Dialogflow copies the matched intent's parameters, and their `.original` words, into every active context. */
function withOriginals(parameters: Record<string, unknown>, queryText: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) {
    out[key] = value;
    out[`${key}.original`] = value === '' ? '' : queryText;
  }
  return out;
}
