/**
 * Classifies utterances from stdin, one per line, for quick checks of the lexicon:
 *   echo "the train is always late" | npm run --silent classify -- --domain mobility
 * Prints one JSON line per utterance. Exit codes: 0 ok, 1 content problem, 2 bad usage.
 */
import readline from 'node:readline';
import { isAppError } from '../../src/errors/app-error';
import { createThemeClassifier } from '../../src/classifier/theme.classifier';

interface CliArgs {
  domain?: string;
  themesDir?: string;
  extraThemesFile?: string;
}

const USAGE = 'usage: classify --domain <domain> [--themes-dir <dir>] [--extra-themes <file>] < utterances.txt';

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = {};
  const flags: Record<string, keyof CliArgs> = {
    '--domain': 'domain',
    '--themes-dir': 'themesDir',
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

  let classifier;
  try {
    classifier = createThemeClassifier({ themesDir: args.themesDir, extraThemesFile: args.extraThemesFile });
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
    const { themes, sentiment } = classifier.classify(domain, text);
    process.stdout.write(`${JSON.stringify({ text, themes, sentiment })}\n`);
  }
}

main().catch((error: unknown) => fail(String(error), 1));
