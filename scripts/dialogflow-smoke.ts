/**
 * `npm run dialogflow:smoke`: a short conversation with the deployed agent through the
 * Dialogflow API (welcome, "money", an answer, "stop"), printing every reply. Exits non-zero
 * when an API call fails, a reply is empty, or the webhook did not answer. It is a real
 * conversation: the answer is stored like any other (under a one-off session id).
 *
 *   npm run dialogflow:smoke                     # agent default language (en)
 *   npm run dialogflow:smoke -- --language en-gb
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { runSmokeConversation } from './dialogflow/dialogflow.smoke';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { language: { type: 'string', default: 'en' }, session: { type: 'string' } }, strict: true });
  const config = loadConfig();
  const projectId = config.dialogflow.projectId;
  if (!projectId) {
    console.error('dialogflow:smoke: set DIALOGFLOW_PROJECT_ID to the Google Cloud project that holds the Dialogflow ES agent');
    return 2;
  }
  const replies = await runSmokeConversation({
    target: { projectId, location: config.dialogflow.location },
    languageCode: values.language,
    sessionId: values.session,
    onReply: (r) => {
      console.log(`USER: ${r.said}`);
      console.log(`AGENT [${r.intent}]: ${r.reply}`);
    },
  });
  console.log(`dialogflow:smoke: ok, ${replies.length} turns`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`dialogflow:smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
