/**
 * `npm run models:build`: interaction-models/source → skill-package/ (Alexa), dialogflow-agent/
 * (Dialogflow ES) and src/platforms/intent-table.generated.json (the intent → action table every
 * adapter maps through). The output is committed; test/unit/scripts/interaction-models checks it
 * has not drifted from the source.
 */
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config';
import { loadModelSource } from './interaction-models/model.schema';
import { buildModelFiles, readCommittedOptions, writeModelFiles } from './interaction-models/model-files.builder';
import { PLACEHOLDER_PRIVACY_POLICY_URL, PLACEHOLDER_TERMS_OF_USE_URL } from './interaction-models/alexa-model.generator';

function main(): void {
  const config = loadConfig();
  const source = loadModelSource(path.join(PROJECT_ROOT, 'interaction-models', 'source'));
  // The Lambda ARN is written into skill.json by `ask deploy`; carry it over instead of erasing it.
  const committed = readCommittedOptions(PROJECT_ROOT);
  const files = buildModelFiles(source, {
    invocationName: config.alexa.invocationName,
    privacyPolicyUrl: config.alexa.privacyPolicyUrl,
    termsOfUseUrl: config.alexa.termsOfUseUrl,
    lambdaEndpointUri: committed.lambdaEndpointUri,
    dialogflowWebhookUrl: committed.dialogflowWebhookUrl,
  });
  const result = writeModelFiles(PROJECT_ROOT, files);
  console.log(
    `models:build: ${files.length} files (${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed)`,
  );
  for (const file of result.written) console.log(`  wrote   ${file}`);
  for (const file of result.removed) console.log(`  removed ${file}`);
  if (config.alexa.privacyPolicyUrl === undefined || config.alexa.termsOfUseUrl === undefined) {
    console.warn(
      `models:build: PRIVACY_POLICY_URL / TERMS_OF_USE_URL not set; skill.json uses the placeholders ${PLACEHOLDER_PRIVACY_POLICY_URL} and ${PLACEHOLDER_TERMS_OF_USE_URL} (fine for development, not for certification).`,
    );
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
