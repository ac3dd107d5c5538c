/**
 * Classifies utterances from stdin, one per line, for quick checks of the model and the lexicon:
 *   echo "the train is always late" | npm run --silent classify -- --domain mobility [--lens frustration]
 * Prints one JSON line per utterance: the text, the ranked themes, the sentiment, and `nonAnswer`
 * (the probability that the utterance carries nothing). Exit codes: 0 ok, 1 content problem, 2 bad usage.
 */
import readline from 'node:readline';
import { isAppError } from '../../src/errors/app-error';
import type { QuestionLens } from '../../src/classifier/classifier.types';
import { createThemeClassifier } from '../../src/classifier/theme.classifier';

interface CliArgs {
  domain?: string;
  lens?: string;
  themesDir?: string;
  modelsDir?: string;
  extraThemesFile?: string;
}

const LENSES: readonly QuestionLens[] = ['dream', 'fear', 'frustration'];
const USAGE =
  'usage: classify --domain <domain> [--lens dream|fear|frustration] [--themes-dir <dir>] [--models-dir <dir>] [--extra-themes <file>] < utterances.txt';

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = {};
  const flags: Record<string, keyof CliArgs> = {
    '--domain': 'domain',
    '--lens': 'lens',
    '--themes-dir': 'themesDir',
    '--models-dir': 'modelsDir',
    '--extra-themes': 'extraThemesFile',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = flags[name];
    if (!key) return `unknown argument "${arg}"`;
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i += 1;
    if (value === undefined || value === '' || value.startsWith('--')) return `${name} needs a value`;
    args[key] = value;
  }
  return args;
}

function fail(message: string, code: number): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = code;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') return fail(`${args}\n${USAGE}`, 2);
  const lens = args.lens as QuestionLens | undefined;
  if (lens !== undefined && !LENSES.includes(lens)) return fail(`Unknown lens "${args.lens}". Valid lenses: ${LENSES.join(', ')}`, 2);

  let classifier;
  try {
    classifier = createThemeClassifier({ themesDir: args.themesDir, modelsDir: args.modelsDir, extraThemesFile: args.extraThemesFile });
  } catch (error) {
    return fail(isAppError(error) ? `${error.code}: ${error.message}` : String(error), 1);
  }

  const domains = classifier.domains();
  if (!args.domain) return fail(`Missing --domain. Valid domains: ${domains.join(', ')}\n${USAGE}`, 2);
  if (!domains.includes(args.domain)) {
    return fail(`Unknown domain "${args.domain}". Valid domains: ${domains.join(', ')}`, 2);
  }
  const domain = args.domain;

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    const { themes, sentiment, nonAnswer } = classifier.classify(domain, text, lens ? { lens } : undefined);
    process.stdout.write(`${JSON.stringify({ text, themes, sentiment, nonAnswer })}\n`);
  }
}

main().catch((error: unknown) => fail(String(error), 1));
