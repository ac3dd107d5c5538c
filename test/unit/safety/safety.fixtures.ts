import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Paths shared by the safety tests. The held-out set is never read here: the lead evaluates it. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SAFETY_DIR = path.join(ROOT, 'content', 'safety');
export const LEXICON_FILE = path.join(SAFETY_DIR, 'en.json');
export const MODEL_FILE = path.join(SAFETY_DIR, 'crisis-model.json');
export const LABELLED_SET = path.join(ROOT, 'test', 'fixtures', 'safety', 'crisis.labelled.jsonl');
export const PROBE_SET = path.join(ROOT, 'test', 'fixtures', 'safety', 'probe.jsonl');

/** A throw-away copy of content/safety to break on purpose. */
export function copySafetyDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifepath-safety-'));
  for (const name of fs.readdirSync(SAFETY_DIR)) fs.copyFileSync(path.join(SAFETY_DIR, name), path.join(dir, name));
  return dir;
}

export function editJson(file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
}
