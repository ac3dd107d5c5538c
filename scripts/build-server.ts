import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { copyMigrations, NODE_BUNDLE_BASE } from './build-lambda';

/**
 * Bundles the HTTP server into build/server/main.js, which production (the Dockerfile,
 * `npm run start:prod`) runs with plain `node`: no TypeScript compiler in the running process.
 *
 * Only what a module finds through its own folder travels with the bundle: the SQL migrations
 * (the store reads them from `<bundle dir>/migrations`). Content is not copied: the configuration
 * default is `<project root>/content` with the project root two folders above the bundle, so
 * build/server/main.js finds content/ in the repository and /app/build/server/main.js finds
 * /app/content in the image. PGlite stays a package in node_modules because it loads its
 * WebAssembly from its own folder; pg-native is an optional driver pg never needs here.
 */
const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'build', 'server');

// Not minified: a server starts once, so size buys nothing and readable code helps when debugging.
export const SERVER_BUNDLE_OPTIONS = {
  ...NODE_BUNDLE_BASE,
  external: ['@electric-sql/pglite', 'pg-native'],
} as const satisfies BuildOptions;

export async function buildServer(outDir = OUT, logLevel: BuildOptions['logLevel'] = 'warning'): Promise<{ entry: string; bundleBytes: number }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, 'main.js');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'composition', 'http.main.ts')],
    outfile: entry,
    ...SERVER_BUNDLE_OPTIONS,
    logLevel,
  });
  copyMigrations(outDir);
  return { entry, bundleBytes: fs.statSync(entry).size };
}

if (require.main === module) {
  buildServer().then(
    ({ entry, bundleBytes }) => process.stdout.write(`${path.relative(ROOT, entry)}: ${(bundleBytes / 1024).toFixed(0)} KiB\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
