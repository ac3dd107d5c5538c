import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the project's dependency rules over a scratch tree shaped like src/. */
function cruise(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-deps-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true } }));
  for (const [file, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), body);
  }
  const result = spawnSync(DEPCRUISE, ['src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('architecture rules (dependency-cruiser)', () => {
  it.each([
    ['ask-sdk-core', "import { SkillBuilders } from 'ask-sdk-core';\nexport const x = SkillBuilders;\n"],
    ['express', "import express from 'express';\nexport const x = express;\n"],
    ['pg', "import { Pool } from 'pg';\nexport const x = Pool;\n"],
    ['@electric-sql/pglite', "import { PGlite } from '@electric-sql/pglite';\nexport const x = PGlite;\n"],
    ['@google-cloud/dialogflow', "import * as df from '@google-cloud/dialogflow';\nexport const x = df;\n"],
  ])('fails when the engine imports %s', (_name, body) => {
    const run = cruise({ 'src/interview/interview.engine.ts': body });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('core-no-platform-packages');
  });

  it('fails when the core imports a storage adapter instead of the port', () => {
    const run = cruise({
      'src/insight-store/insight-store.postgres.ts': 'export const adapter = 1;\n',
      'src/classifier/theme.classifier.ts': "import { adapter } from '../insight-store/insight-store.postgres';\nexport const x = adapter;\n",
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('core-no-edges');
  });

  it('passes when an adapter imports the core', () => {
    const run = cruise({
      'src/interview/interview.engine.ts': 'export const engine = 1;\n',
      'src/insight-store/insight-store.port.ts': 'export type Port = number;\n',
      'src/alexa/alexa.handlers.ts': "import { SkillBuilders } from 'ask-sdk-core';\nimport { engine } from '../interview/interview.engine';\nexport const x = [SkillBuilders, engine];\n",
    });
    expect(run.output).not.toContain('error');
    expect(run.status).toBe(0);
  });
});
