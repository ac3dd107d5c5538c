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
    [{ HOST: 'not a host' }, /HOST: must be a host name or an IP address/],
    [{ HOST: 'under_score.example' }, /HOST: must be a host name or an IP address/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY: must be true, false, a hop count, or a comma-separated list .*\(not "yes"\)/],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/33' }, /TRUST_PROXY: .*\(not "10\.0\.0\.0\/33"\)/],
    [{ TRUST_PROXY: '-1' }, /TRUST_PROXY:/],
  ])('names the bad variable: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['0.0.0.0'],
    ['::'],
    ['::1'],
    ['127.0.0.1'],
    ['localhost'],
    ['api.internal.example.com'],
  ])('accepts HOST=%s', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['10.0.0.0/8,192.168.1.7, fc00::/7, ::1', ['10.0.0.0/8', '192.168.1.7', 'fc00::/7', '::1']],
  ])('reads TRUST_PROXY=%j as what Express expects', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', ADMIN_API_KEY: '' }).adminApiKey).toBeUndefined();
  });
});
