import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CORE_FOLDERS: string[] = fs
  .readFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), 'utf8')
  .match(/const CORE_FOLDERS = \[([^\]]*)\]/)?.[1]
  ?.match(/'([^']+)'/g)
  ?.map((s) => s.slice(1, -1)) ?? [];

/** Runs the project's dependency rules over a scratch tree shaped like src/. */
function cruise(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-deps-'));
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true } }));
    for (const [file, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), body);
    }
    const result = spawnSync(DEPCRUISE, ['src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Folders outside the core that it may still import (typed errors, logging). */
const SHARED = ['errors', 'logging'];

/** Every folder of today's src/ that is neither core nor shared, and one nobody has created yet. */
const NON_CORE = [
  ...fs
    .readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !CORE_FOLDERS.includes(e.name) && !SHARED.includes(e.name))
    .map((e) => e.name),
  'a-folder-added-tomorrow',
];

describe('architecture rules (dependency-cruiser)', () => {
  it('reads the core folders from the configuration', () => {
    expect(CORE_FOLDERS).toEqual(expect.arrayContaining(['interview', 'content', 'classifier', 'partners', 'privacy']));
    expect(NON_CORE).toEqual(expect.arrayContaining(['platforms', 'persistence', 'http', 'apis', 'composition', 'config']));
  });

  // One depcruise run plants an import from the engine into every non-core folder; the report
  // must name each planted edge, so no folder can slip through unnoticed.
  it('fails when the core imports any non-core folder, including a new one', () => {
    const files: Record<string, string> = {};
    const imports: string[] = [];
    NON_CORE.forEach((folder, i) => {
      files[`src/${folder}/planted.adapter.ts`] = `export const planted${i} = ${i};\n`;
      imports.push(`import { planted${i} } from '../${folder}/planted.adapter';`);
    });
    files['src/interview/interview.engine.ts'] = `${imports.join('\n')}\nexport const all = [${NON_CORE.map((_, i) => `planted${i}`).join(', ')}];\n`;
    const run = cruise(files);
    expect(run.status).not.toBe(0);
    for (const folder of NON_CORE) {
      expect(run.output).toMatch(new RegExp(`core-allow-list: src/interview/interview\\.engine\\.ts → src/${folder}/planted\\.adapter\\.ts`));
    }
  });

  it.each(CORE_FOLDERS.filter((f) => f !== 'interview'))('fails when %s (core) imports a storage adapter', (folder) => {
    const run = cruise({
      'src/persistence/postgres/insight-store.postgres.ts': 'export const adapter = 1;\n',
      [`src/${folder}/some.policy.ts`]: "import { adapter } from '../persistence/postgres/insight-store.postgres';\nexport const x = adapter;\n",
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('core-allow-list');
  });

  it.each([
    ['ask-sdk-core', "import { SkillBuilders } from 'ask-sdk-core';\nexport const x = SkillBuilders;\n"],
    ['express', "import express from 'express';\nexport const x = express;\n"],
    ['pg', "import { Pool } from 'pg';\nexport const x = Pool;\n"],
    ['@electric-sql/pglite', "import { PGlite } from '@electric-sql/pglite';\nexport const x = PGlite;\n"],
    ['@google-cloud/dialogflow', "import * as df from '@google-cloud/dialogflow';\nexport const x = df;\n"],
    ['node:http', "import http from 'node:http';\nexport const x = http;\n"],
  ])('fails when the engine imports %s', (_name, body) => {
    const run = cruise({ 'src/interview/interview.engine.ts': body });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('core-no-platform-packages');
  });

  it('passes when the core imports the core, errors, logging and ports, and adapters import the core', () => {
    const run = cruise({
      'src/classifier/theme.classifier.ts': 'export const classifier = 1;\n',
      'src/errors/app-error.ts': 'export const AppError = 1;\n',
      'src/logging/logger.ts': 'export const logger = 1;\n',
      'src/persistence/insight-store.port.ts': 'export type Port = number;\n',
      'src/interview/interview.engine.ts':
        "import { classifier } from '../classifier/theme.classifier';\nimport { AppError } from '../errors/app-error';\nimport { logger } from '../logging/logger';\nimport type { Port } from '../persistence/insight-store.port';\nexport const engine: Port = classifier + AppError + logger;\n",
      'src/platforms/alexa/alexa.handlers.ts': "import { SkillBuilders } from 'ask-sdk-core';\nimport { engine } from '../../interview/interview.engine';\nexport const x = [SkillBuilders, engine];\n",
    });
    expect(run.output).not.toContain('error');
    expect(run.status).toBe(0);
  });
});
