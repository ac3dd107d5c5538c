import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type LogLevel, type Plugin } from 'esbuild';

/**
 * Bundles the Alexa Lambda into lambda/dist (what ask-resources.json deploys): one minified
 * CommonJS file so cold start reads a single module, the interview content beside it, and
 * PGlite copied as a package because it loads its WebAssembly files from its own folder
 * (it is only loaded when DATABASE_URL is not set).
 */
const ROOT = path.resolve(__dirname, '..');

/** Keeps only zod's English messages in the bundle; every other locale is dead weight at cold start. */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.c?js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(__dirname, 'bundle', 'zod-locales-en-only.js') } : undefined,
    );
  },
};
const OUT = path.join(ROOT, 'lambda', 'dist');

/** What every bundle of ours shares (the Lambda, the server, the cold-start floor). */
export const NODE_BUNDLE_BASE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  // sentiment can require a language pack by name; we register English ourselves, so the
  // unmatched dynamic require is never reached and its warning is noise.
  logOverride: { 'empty-glob': 'silent' },
} as const satisfies BuildOptions;

/** How Lambda code is bundled; the cold-start benchmark bundles its bare-skill floor the same way. */
export const LAMBDA_BUNDLE_OPTIONS = {
  ...NODE_BUNDLE_BASE,
  minify: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** The store applies its SQL migrations from a folder beside the module that runs them. */
export function copyMigrations(outDir: string): void {
  fs.cpSync(path.join(ROOT, 'src', 'persistence', 'sql', 'migrations'), path.join(outDir, 'migrations'), { recursive: true });
}

/**
 * `outDir` is emptied first. Tests pass `logLevel: 'error'`: warnings (today only sentiment's
 * dynamic language require, never reached because English is loaded statically) are for whoever
 * runs `npm run build`, and errors fail the build at any level.
 */
export async function buildLambda(outDir = OUT, options: { logLevel?: LogLevel } = {}): Promise<{ bundleBytes: number }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'src', 'composition', 'lambda.main.ts')],
    outfile: path.join(outDir, 'index.js'),
    ...LAMBDA_BUNDLE_OPTIONS,
    logLevel: options.logLevel ?? LAMBDA_BUNDLE_OPTIONS.logLevel,
    external: ['@electric-sql/pglite', 'pg-native'],
    plugins: [zodEnglishOnly],
  });
  fs.cpSync(path.join(ROOT, 'content'), path.join(outDir, 'content'), { recursive: true });
  copyMigrations(outDir);
  const pglite = path.join(ROOT, 'node_modules', '@electric-sql', 'pglite');
  const pgliteOut = path.join(outDir, 'node_modules', '@electric-sql', 'pglite');
  fs.mkdirSync(pgliteOut, { recursive: true });
  fs.copyFileSync(path.join(pglite, 'package.json'), path.join(pgliteOut, 'package.json'));
  // Source maps and optional Postgres extensions are not used at run time; leaving them out keeps the upload small.
  fs.cpSync(path.join(pglite, 'dist'), path.join(pgliteOut, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map') && !src.endsWith('.tar.gz'),
  });
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: 'lifepath-lambda', private: true, main: 'index.js' }, null, 2)}\n`);
  return { bundleBytes: fs.statSync(path.join(outDir, 'index.js')).size };
}

if (require.main === module) {
  buildLambda().then(
    ({ bundleBytes }) => process.stdout.write(`lambda/dist/index.js: ${(bundleBytes / 1024).toFixed(0)} KiB\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
