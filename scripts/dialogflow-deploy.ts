/**
 * `npm run dialogflow:deploy`: restores dialogflow-agent/ into the Dialogflow ES agent of
 * DIALOGFLOW_PROJECT_ID (DIALOGFLOW_LOCATION, default global). This replaces the agent's
 * intents, entities and settings. Google credentials come from the usual places
 * (GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, metadata server).
 *
 *   npm run dialogflow:deploy                       # zip dialogflow-agent/ in memory and restore it
 *   npm run dialogflow:deploy -- --zip build/dialogflow-agent.zip
 *   npm run dialogflow:deploy -- --webhook-url https://lifepath.example.org/dialogflow
 *
 * A restore resets fulfillment to agent.json's placeholder; with --webhook-url the script then
 * points fulfillment at the webhook with the credentials from DIALOGFLOW_WEBHOOK_USER/PASSWORD
 * and DIALOGFLOW_WEBHOOK_TOKEN (never printed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { configureFulfillment, restoreAgent } from './dialogflow/dialogflow.deploy';
import { zipAgentDirectory } from './interaction-models/dialogflow-agent.zipper';

async function agentZip(zipFile: string | undefined): Promise<{ zip: Buffer; from: string }> {
  if (zipFile) {
    const file = path.resolve(zipFile);
    if (!fs.existsSync(file)) throw new Error(`${zipFile} not found; run npm run dialogflow:zip first`);
    return { zip: fs.readFileSync(file), from: path.relative(PROJECT_ROOT, file) };
  }
  const agentDir = path.join(PROJECT_ROOT, 'dialogflow-agent');
  if (!fs.existsSync(path.join(agentDir, 'agent.json'))) {
    throw new Error('dialogflow-agent/agent.json not found; run npm run models:build first');
  }
  // The same bytes `npm run dialogflow:zip` writes to build/dialogflow-agent.zip.
  return { zip: await zipAgentDirectory(agentDir), from: 'dialogflow-agent/' };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { zip: { type: 'string' }, 'webhook-url': { type: 'string' } }, strict: true });
  const config = loadConfig();
  const projectId = config.dialogflow.projectId;
  if (!projectId) {
    console.error('dialogflow:deploy: set DIALOGFLOW_PROJECT_ID to the Google Cloud project that holds the Dialogflow ES agent');
    return 2;
  }
  const { zip, from } = await agentZip(values.zip);
  const target = { projectId, location: config.dialogflow.location };
  console.log(`dialogflow:deploy: restoring ${from} (${zip.length} bytes) into project ${projectId} (${target.location})...`);
  const result = await restoreAgent({ target, agentZip: zip });
  console.log(`dialogflow:deploy: restored in ${(result.durationMs / 1000).toFixed(1)} s (${result.operation || result.parent})`);
  const webhookUrl = values['webhook-url'];
  if (!webhookUrl) {
    console.log('dialogflow:deploy: fulfillment now holds the URL from agent.json; set https://<host>/dialogflow and its credentials');
    console.log('  in the console (Fulfillment), or re-run with --webhook-url https://<host>/dialogflow');
    return 0;
  }
  const fulfillment = await configureFulfillment({ target, webhookUrl, auth: config.dialogflow });
  const how = [fulfillment.basicAuth ? 'basic auth' : '', fulfillment.tokenHeader ? 'x-webhook-token header' : ''].filter(Boolean).join(' + ');
  console.log(`dialogflow:deploy: fulfillment → ${fulfillment.uri} (${how})`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`dialogflow:deploy: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
