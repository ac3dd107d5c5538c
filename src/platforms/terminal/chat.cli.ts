import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config';
import { isAppError } from '../../errors/app-error';
import type { ConversationState, CustomerAction } from '../../interview/interview.types';
import { openMemoryStore } from '../../persistence/memory/insight-store.memory';
import { createLogger } from '../../logging/logger';
import { buildDependencies } from '../../composition/dependencies';
import { createUtteranceParser } from './utterance.parser';

const USAGE = `Usage: npm run chat -- [--domain money|mobility|food] [--locale en-US|en-GB] [--user ID] [--memory]
  --domain   start straight in a domain instead of being asked
  --locale   content locale (default en-US)
  --user     who is talking; the same id is recognised as a returning user (default terminal-user)
  --memory   keep answers in memory only instead of the configured store
Reads one customer line at a time. On a terminal it is interactive (type after "you> ";
Ctrl-D or Ctrl-C ends the chat); otherwise each line of stdin is one utterance and every reply
is printed as "ASSISTANT: ...". Either way it exits 0 as soon as the conversation ends.`;

/** Shown only on a terminal; scripted output stays one reply per line. */
const PROMPT = 'you> ';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        domain: { type: 'string' },
        locale: { type: 'string', default: 'en-US' },
        user: { type: 'string', default: 'terminal-user' },
        memory: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  // Logs go to stderr as JSON; in a scripted chat only warnings matter.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const deps = await buildDependencies(config, { logger, store: args.memory ? openMemoryStore() : undefined });
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const sessionId = `terminal-${Date.now()}-${process.pid}`;
  const locale = args.locale ?? 'en-US';
  const parse = createUtteranceParser(locale);
  // Held in an object because it is updated inside the reply callback.
  const session: { state: ConversationState | null } = { state: null };

  const say = async (action: CustomerAction, utterance?: string): Promise<boolean> => {
    const out = await deps.service.handle({
      platform: 'terminal',
      platformUserId: args.user ?? 'terminal-user',
      platformSessionId: sessionId,
      locale,
      action,
      utterance,
      state: session.state,
    });
    session.state = out.state;
    const card = out.card ? ` [card: ${out.card.title}${out.card.url ? ` ${out.card.url}` : ''}]` : '';
    if (out.speech !== '') process.stdout.write(`ASSISTANT: ${out.speech}${card}\n`);
    return out.endSession;
  };

  try {
    let ended = await say(args.domain ? { type: 'choose-domain', domain: args.domain } : { type: 'launch' });
    if (ended) return 0;
    // Without an output stream readline neither shows the prompt nor echoes what is typed.
    const lines = readline.createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
    // Ctrl-C ends the chat like Ctrl-D: the platform-closed turn below still saves where to resume.
    lines.on('SIGINT', () => lines.close());
    try {
      if (interactive) {
        lines.setPrompt(PROMPT);
        lines.prompt();
      }
      for await (const line of lines) {
        ended = await say(parse(line), line);
        // Goodbye, erasure and the crisis reply end the chat there, not after one more Enter.
        if (ended) break;
        if (interactive) lines.prompt();
      }
    } finally {
      lines.close();
    }
    if (!ended) {
      if (interactive) process.stdout.write('\n');
      await say({ type: 'session-ended', reason: 'input closed' });
    }
    return 0;
  } finally {
    await deps.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);
