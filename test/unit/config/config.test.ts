import path from 'node:path';
import { loadConfig } from '../../../src/config/config';

const SECRET = 'a-secret-of-sixteen-plus';

describe('loadConfig', () => {
  it('has defaults that make a fresh checkout start', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.alexa.invocationName).toBe('life path');
    expect(config.dialogflow.allowUnauthenticated).toBe(false);
  });

  it('lets the running place choose defaults, and the environment override them', () => {
    expect(loadConfig({}, { dataDir: '/tmp/somewhere' }).dataDir).toBe('/tmp/somewhere');
    expect(loadConfig({ DATA_DIR: '/srv/data' }, { dataDir: '/tmp/somewhere' }).dataDir).toBe('/srv/data');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT:/],
    [{ DATABASE_URL: 'mysql://x', PSEUDONYM_SECRET: SECRET }, /DATABASE_URL: must start with postgres/],
    [{ ADMIN_API_KEY: 'short' }, /ADMIN_API_KEY: must be at least 16 characters/],
    [{ ALEXA_SKILL_ID: 'my-skill' }, /ALEXA_SKILL_ID: must look like amzn1\.ask\.skill/],
    [{ PRIVACY_POLICY_URL: 'not a url' }, /PRIVACY_POLICY_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DIALOGFLOW_WEBHOOK_USER: 'df' }, /DIALOGFLOW_WEBHOOK_USER and DIALOGFLOW_WEBHOOK_PASSWORD must be set together/],
    [{ NODE_ENV: 'production' }, /PSEUDONYM_SECRET is required when NODE_ENV=production/],
    [{ DATABASE_URL: 'postgres://db/lifepath' }, /PSEUDONYM_SECRET is required when DATABASE_URL is set/],
  ])('names the bad variable: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', ADMIN_API_KEY: '' }).adminApiKey).toBeUndefined();
  });
});
