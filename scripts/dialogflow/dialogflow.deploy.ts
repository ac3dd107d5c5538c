import { v2 } from '@google-cloud/dialogflow';
import { AppError } from '../../src/errors/app-error';
import { TOKEN_HEADER, webhookAuthMode, type DialogflowAuthConfig } from '../../src/platforms/dialogflow/dialogflow.auth';
import { agentParent, clientOptions, upstreamError, type DialogflowTarget, type GoogleClientOptions } from './dialogflow-api.client';

export interface PollSettings {
  initialDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/** Restores usually finish within a minute; ten minutes covers a busy region. */
export const DEFAULT_POLL: PollSettings = { initialDelayMs: 1000, maxDelayMs: 10_000, timeoutMs: 10 * 60_000 };

export interface RestoreAgentOptions {
  target: DialogflowTarget;
  /** The zip built from dialogflow-agent/ (what the console's "Restore from zip" takes). */
  agentZip: Buffer;
  /** Extra client options; tests pass fake credentials here. */
  client?: Partial<GoogleClientOptions>;
  poll?: Partial<PollSettings>;
}

export interface RestoreAgentResult {
  parent: string;
  operation: string;
  bytes: number;
  durationMs: number;
}

/**
 * Replaces the project's agent (intents, entities, settings) with the zip through
 * AgentsClient.restoreAgent, then waits for the long-running operation. The fulfillment URL and
 * credentials in agent.json are restored too, so set them in the zip or re-enter them after.
 */
export async function restoreAgent(options: RestoreAgentOptions): Promise<RestoreAgentResult> {
  const { target, agentZip } = options;
  if (agentZip.length < 22 || agentZip.readUInt32LE(0) !== 0x04034b50) {
    // A truncated or missing file would otherwise wipe the agent with an "invalid argument".
    throw new AppError('BAD_REQUEST', 'The agent zip is empty or not a zip file; build it with `npm run dialogflow:zip`.');
  }
  const poll = { ...DEFAULT_POLL, ...options.poll };
  const parent = agentParent(target);
  const started = Date.now();
  const client = new v2.AgentsClient(clientOptions(target, options.client));
  try {
    let operationName = '';
    try {
      // Credentials are resolved here, once; the generated methods would turn a failure into an unhandled rejection.
      await client.initialize();
      const [operation] = await client.restoreAgent(
        { parent, agentContent: agentZip },
        {
          longrunning: {
            initialRetryDelayMillis: poll.initialDelayMs,
            retryDelayMultiplier: 1.5,
            maxRetryDelayMillis: poll.maxDelayMs,
            totalTimeoutMillis: poll.timeoutMs,
          },
        },
      );
      operationName = operation.name ?? '';
      await operation.promise();
    } catch (error) {
      throw upstreamError('restoreAgent', target, error);
    }
    return { parent, operation: operationName, bytes: agentZip.length, durationMs: Date.now() - started };
  } finally {
    // Closing a client whose credentials never loaded rejects again; the first error is the one to show.
    await client.close().catch(() => undefined);
  }
}

export interface ConfigureFulfillmentOptions {
  target: DialogflowTarget;
  /** Public HTTPS address of the webhook, e.g. https://lifepath.example.org/dialogflow. */
  webhookUrl: string;
  /** The same secrets the webhook checks (config.dialogflow). */
  auth: DialogflowAuthConfig;
  client?: Partial<GoogleClientOptions>;
}

export interface ConfigureFulfillmentResult {
  name: string;
  uri: string;
  basicAuth: boolean;
  tokenHeader: boolean;
}

/**
 * Points the agent's fulfillment at the webhook with the credentials it expects. A restore
 * resets fulfillment to what agent.json holds (a placeholder URL, no password), so the deploy
 * script calls this right after restoreAgent when given the URL.
 */
export async function configureFulfillment(options: ConfigureFulfillmentOptions): Promise<ConfigureFulfillmentResult> {
  const { target, auth } = options;
  let uri: URL;
  try {
    uri = new URL(options.webhookUrl);
  } catch {
    throw new AppError('BAD_REQUEST', `Not a URL: ${options.webhookUrl}`);
  }
  if (uri.protocol !== 'https:') throw new AppError('BAD_REQUEST', 'Dialogflow only calls HTTPS webhooks: the URL must start with https://');
  const mode = webhookAuthMode(auth);
  if (mode === 'disabled') {
    throw new AppError('BAD_REQUEST', 'Set DIALOGFLOW_WEBHOOK_USER/PASSWORD and/or DIALOGFLOW_WEBHOOK_TOKEN first: the webhook refuses calls without them.');
  }
  const basicAuth = mode === 'basic' || mode === 'basic+token';
  const tokenHeader = mode === 'token' || mode === 'basic+token';
  const name = `${agentParent(target)}/agent/fulfillment`;
  const client = new v2.FulfillmentsClient(clientOptions(target, options.client));
  try {
    await client.initialize();
    await client.updateFulfillment({
      fulfillment: {
        name,
        enabled: true,
        genericWebService: {
          uri: uri.toString(),
          ...(basicAuth ? { username: auth.webhookUser, password: auth.webhookPassword } : {}),
          ...(tokenHeader ? { requestHeaders: { [TOKEN_HEADER]: auth.webhookToken as string } } : {}),
        },
      },
      updateMask: { paths: ['generic_web_service', 'enabled'] },
    });
    return { name, uri: uri.toString(), basicAuth, tokenHeader };
  } catch (error) {
    throw upstreamError('updateFulfillment', target, error);
  } finally {
    await client.close().catch(() => undefined);
  }
}
