/**
 * Setup for the integration project. Jest 30 reads `testTimeout` only from the root config and
 * ignores it inside a project, so the longer limit for spawned processes and real stores is set
 * here; the unit project keeps the root limit.
 */
jest.setTimeout(60_000);

// virtual-alexa loads the AWS SDK v2 for a DynamoDB emulation these tests never use; the SDK's
// end-of-support notice is about that unused dependency, so it is switched off by the SDK's own setting.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

export {};
