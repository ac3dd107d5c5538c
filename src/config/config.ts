import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/**
 * The only reader of process.env. Everything else receives a typed Config, so tests can build
 * one directly and a bad variable is reported once, by name, at start-up.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A name or an IP literal; anything else cannot be bound and is caught here rather than at listen. */
const hostSchema = z
  .string()
  .trim()
  .min(1)
  .pipe(z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be a host name or an IP address' }));

/** The names proxy-addr (behind Express's `trust proxy`) knows, besides addresses and subnets. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyEntry = z.union([z.enum(PROXY_NAMES), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/**
 * Off by default: believing X-Forwarded-For from anyone lets a client choose its own address.
 * Behind a load balancer, name it (or count its hops) so req.ip is the real client.
 */
const trustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((raw, ctx): boolean | number | string[] => {
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    if (/^\d+$/.test(raw)) return Number(raw);
    const entries = raw.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !proxyEntry.safeParse(entry).success);
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count, or a comma-separated list of ${PROXY_NAMES.join(', ')}, IP addresses or CIDR subnets (not ${bad.map((b) => JSON.stringify(b)).join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: hostSchema.default('0.0.0.0'),
  TRUST_PROXY: trustProxySchema,
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  CONTENT_DIR: optionalString,
  THEMES_FILE: optionalString,
  PARTNERS_FILE: optionalString,
  PSEUDONYM_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  ADMIN_API_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ALEXA_SKILL_ID: optionalString.pipe(
    z
      .string()
      .regex(/^amzn1\.ask\.skill\.[0-9a-f-]+$/, 'must look like amzn1.ask.skill.<uuid>')
      .optional(),
  ),
  SKILL_INVOCATION_NAME: z.string().trim().min(2).default('life path'),
  PRIVACY_POLICY_URL: optionalUrl,
  TERMS_OF_USE_URL: optionalUrl,
  DIALOGFLOW_WEBHOOK_USER: optionalString,
  DIALOGFLOW_WEBHOOK_PASSWORD: optionalString,
  DIALOGFLOW_WEBHOOK_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  DIALOGFLOW_ALLOW_UNAUTHENTICATED: booleanFlag,
  DIALOGFLOW_PROJECT_ID: optionalString,
  DIALOGFLOW_LOCATION: z.string().trim().min(1).default('global'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Express `trust proxy`: false, true, a hop count, or trusted addresses, subnets and names. */
  trustProxy: boolean | number | string[];
  dataDir: string;
  databaseUrl?: string;
  contentDir: string;
  themesFile?: string;
  partnersFile?: string;
  pseudonymSecret?: string;
  adminApiKey?: string;
  retentionDays?: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  alexa: { skillId?: string; invocationName: string; privacyPolicyUrl?: string; termsOfUseUrl?: string };
  dialogflow: {
    webhookUser?: string;
    webhookPassword?: string;
    webhookToken?: string;
    allowUnauthenticated: boolean;
    projectId?: string;
    location: string;
  };
}

/** Repository root, so defaults work from any working directory (and from the Lambda bundle). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Defaults that depend on where the code runs (the Lambda bundle keeps content beside itself). */
export interface ConfigDefaults {
  contentDir?: string;
  dataDir?: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, defaults: ConfigDefaults = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if ((e.DIALOGFLOW_WEBHOOK_USER === undefined) !== (e.DIALOGFLOW_WEBHOOK_PASSWORD === undefined)) {
    throw new AppError(
      'CONFIG_INVALID',
      'Invalid configuration: DIALOGFLOW_WEBHOOK_USER and DIALOGFLOW_WEBHOOK_PASSWORD must be set together',
    );
  }
  if (e.NODE_ENV === 'production' && e.PSEUDONYM_SECRET === undefined) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration: PSEUDONYM_SECRET is required when NODE_ENV=production');
  }
  if (e.DATABASE_URL !== undefined && e.PSEUDONYM_SECRET === undefined) {
    // A shared database outlives any one process: a key generated per process or container would
    // give the same customer a different respondent id in each, and erase only one of them.
    throw new AppError('CONFIG_INVALID', 'Invalid configuration: PSEUDONYM_SECRET is required when DATABASE_URL is set');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    dataDir: path.resolve(e.DATA_DIR ?? defaults.dataDir ?? './data'),
    databaseUrl: e.DATABASE_URL,
    contentDir: path.resolve(e.CONTENT_DIR ?? defaults.contentDir ?? path.join(PROJECT_ROOT, 'content')),
    themesFile: e.THEMES_FILE === undefined ? undefined : path.resolve(e.THEMES_FILE),
    partnersFile: e.PARTNERS_FILE === undefined ? undefined : path.resolve(e.PARTNERS_FILE),
    pseudonymSecret: e.PSEUDONYM_SECRET,
    adminApiKey: e.ADMIN_API_KEY,
    retentionDays: e.RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    alexa: {
      skillId: e.ALEXA_SKILL_ID,
      invocationName: e.SKILL_INVOCATION_NAME,
      privacyPolicyUrl: e.PRIVACY_POLICY_URL,
      termsOfUseUrl: e.TERMS_OF_USE_URL,
    },
    dialogflow: {
      webhookUser: e.DIALOGFLOW_WEBHOOK_USER,
      webhookPassword: e.DIALOGFLOW_WEBHOOK_PASSWORD,
      webhookToken: e.DIALOGFLOW_WEBHOOK_TOKEN,
      allowUnauthenticated: e.DIALOGFLOW_ALLOW_UNAUTHENTICATED,
      projectId: e.DIALOGFLOW_PROJECT_ID,
      location: e.DIALOGFLOW_LOCATION,
    },
  };
}
