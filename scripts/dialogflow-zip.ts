/**
 * `npm run dialogflow:zip`: dialogflow-agent/ → build/dialogflow-agent.zip for the console's
 * "Restore from zip" (or the deploy script). Same input, same bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/config';
import { listAgentFiles, zipAgentDirectory } from './interaction-models/dialogflow-agent.zipper';

async function main(): Promise<void> {
  const agentDir = path.join(PROJECT_ROOT, 'dialogflow-agent');
  if (!fs.existsSync(path.join(agentDir, 'agent.json'))) {
    throw new Error('dialogflow-agent/agent.json not found; run npm run models:build first');
  }
  const zip = await zipAgentDirectory(agentDir);
  const out = path.join(PROJECT_ROOT, 'build', 'dialogflow-agent.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  console.log(`dialogflow:zip: ${path.relative(PROJECT_ROOT, out)} (${listAgentFiles(agentDir).length} files, ${zip.length} bytes, sha256 ${sha256})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
