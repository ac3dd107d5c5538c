import type { v2 } from '@google-cloud/dialogflow';
import { AppError } from '../../src/errors/app-error';

/** Where the agent lives: config.dialogflow.projectId and .location. */
export interface DialogflowTarget {
  projectId: string;
  location: string;
}

export type GoogleClientOptions = NonNullable<ConstructorParameters<typeof v2.AgentsClient>[0]>;

/**
 * Options for the Google clients. REST (`fallback: true`) instead of gRPC: plain HTTPS that
 * works through proxies and that tests can intercept. Credentials are not read here: the
 * client finds them itself (GOOGLE_APPLICATION_CREDENTIALS, gcloud, metadata server) unless a
 * caller passes some explicitly, as the tests do.
 */
export function clientOptions(target: DialogflowTarget, extra: Partial<GoogleClientOptions> = {}): GoogleClientOptions {
  const regional = target.location !== 'global';
  return {
    fallback: true,
    projectId: target.projectId,
    ...(regional ? { apiEndpoint: `${target.location}-dialogflow.googleapis.com` } : {}),
    ...extra,
  };
}

/** `projects/<p>` for the global agent, `projects/<p>/locations/<l>` for a regional one. */
export function agentParent(target: DialogflowTarget): string {
  return target.location === 'global' ? `projects/${target.projectId}` : `projects/${target.projectId}/locations/${target.location}`;
}

export function sessionPath(target: DialogflowTarget, sessionId: string): string {
  return `${agentParent(target)}/agent/sessions/${sessionId}`;
}

const GRPC_STATUS = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

const HTTP_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

/** Google's error in the two shapes the REST transport throws: an HTTP error (gaxios) or a gRPC-coded one (an operation's error). */
export function describeGoogleError(error: unknown): { status: string; message: string } {
  const e = (error ?? {}) as { code?: unknown; status?: unknown; message?: unknown; response?: { status?: unknown; data?: unknown } };
  // Depending on the transport the error body is in response.data or is the message itself.
  const body = parseBody(e.response?.data) ?? parseBody(e.message);
  const httpStatus = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : undefined;
  const status =
    body?.status ??
    (httpStatus !== undefined ? HTTP_STATUS[httpStatus] ?? `HTTP_${httpStatus}` : undefined) ??
    (typeof e.code === 'number' ? GRPC_STATUS[e.code] : undefined) ??
    (typeof e.code === 'string' ? e.code : undefined) ??
    'UNKNOWN';
  const raw = body?.message ?? (typeof e.message === 'string' ? e.message : String(error));
  // No credentials at all fails before any request, with no status of its own.
  const credentials = status === 'UNKNOWN' && /could not load the default credentials/i.test(raw);
  return { status: credentials ? 'UNAUTHENTICATED' : status, message: raw.split('\n')[0]?.slice(0, 300) ?? '' };
}

/** One clear sentence per failure, with what to check; the Google message is kept for detail. */
export function upstreamError(operation: string, target: DialogflowTarget, error: unknown): AppError {
  const { status, message } = describeGoogleError(error);
  const where = agentParent(target);
  let hint: string;
  if (status === 'PERMISSION_DENIED') {
    hint = `the credentials may not use Dialogflow in project "${target.projectId}": enable the Dialogflow API there and give the service account the Dialogflow API Admin role (Dialogflow API Client is enough for the smoke test)`;
  } else if (status === 'NOT_FOUND') {
    hint = `no Dialogflow ES agent at ${where}: check DIALOGFLOW_PROJECT_ID and DIALOGFLOW_LOCATION, and create the agent in the Dialogflow ES console first`;
  } else if (status === 'UNAUTHENTICATED' || /default credentials|invalid_grant|invalid_client/i.test(message)) {
    hint = 'Google did not accept the credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file or run `gcloud auth application-default login`';
  } else if (status === 'INVALID_ARGUMENT') {
    hint = 'Dialogflow rejected the request';
  } else {
    hint = 'the Dialogflow API call failed';
  }
  return new AppError('UPSTREAM_FAILED', `Dialogflow ${operation} failed (${status}): ${hint}. Google said: ${message}`, {
    cause: error,
    details: { status },
  });
}

function parseBody(data: unknown): { status?: string; message?: string } | undefined {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const inner = (value as { error?: { status?: unknown; message?: unknown } } | undefined)?.error;
  if (!inner || typeof inner !== 'object') return undefined;
  return {
    status: typeof inner.status === 'string' ? inner.status : undefined,
    message: typeof inner.message === 'string' ? inner.message : undefined,
  };
}

/** A protobuf Struct as the REST client returns it (`{ fields: { k: { stringValue } } }`) back to plain JSON. */
export function structToJson(struct: unknown): unknown {
  if (!struct || typeof struct !== 'object') return undefined;
  const fields = (struct as { fields?: Record<string, unknown> }).fields;
  if (!fields) return struct;
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, valueToJson(value)]));
}

function valueToJson(value: unknown): unknown {
  const v = (value ?? {}) as {
    kind?: string;
    nullValue?: unknown;
    numberValue?: number;
    stringValue?: string;
    boolValue?: boolean;
    structValue?: unknown;
    listValue?: { values?: unknown[] };
  };
  // `kind` names the oneof member that is set; decoders that omit it leave only the member itself.
  switch (v.kind) {
    case 'structValue':
      return structToJson(v.structValue);
    case 'listValue':
      return (v.listValue?.values ?? []).map(valueToJson);
    case 'stringValue':
      return v.stringValue;
    case 'numberValue':
      return v.numberValue;
    case 'boolValue':
      return v.boolValue;
    case 'nullValue':
      return null;
  }
  if (v.structValue !== undefined && v.structValue !== null) return structToJson(v.structValue);
  if (v.listValue !== undefined && v.listValue !== null) return (v.listValue.values ?? []).map(valueToJson);
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  return null;
}
