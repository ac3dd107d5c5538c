import type { RequestHandler } from 'express';
import type { Config } from '../../config/config';
import { AppError } from '../../errors/app-error';
import { secretEquals } from '../../http/bearer.auth';

export type DialogflowAuthConfig = Pick<Config['dialogflow'], 'webhookUser' | 'webhookPassword' | 'webhookToken' | 'allowUnauthenticated'>;

/** How the webhook is protected, decided once from configuration. */
export type WebhookAuthMode = 'basic' | 'token' | 'basic+token' | 'open' | 'disabled';

export const TOKEN_HEADER = 'x-webhook-token';
const CHALLENGE = 'Basic realm="lifepath-dialogflow", charset="UTF-8"';

export function webhookAuthMode(auth: DialogflowAuthConfig): WebhookAuthMode {
  const basic = auth.webhookUser !== undefined && auth.webhookPassword !== undefined;
  const token = auth.webhookToken !== undefined;
  if (basic && token) return 'basic+token';
  if (basic) return 'basic';
  if (token) return 'token';
  return auth.allowUnauthenticated ? 'open' : 'disabled';
}

/**
 * Checks what Dialogflow's fulfillment settings send: HTTP basic auth and/or a custom header.
 * When both are configured both must match. With nothing configured the webhook is closed
 * (503) unless DIALOGFLOW_ALLOW_UNAUTHENTICATED says otherwise, so a forgotten secret never
 * leaves an open endpoint that writes to the insight store.
 */
export function requireDialogflowAuth(auth: DialogflowAuthConfig): RequestHandler {
  const mode = webhookAuthMode(auth);
  return (req, res, next) => {
    if (mode === 'disabled') {
      next(new AppError('WEBHOOK_DISABLED', 'The Dialogflow webhook is disabled: set DIALOGFLOW_WEBHOOK_USER/PASSWORD or DIALOGFLOW_WEBHOOK_TOKEN.'));
      return;
    }
    if (mode === 'open') {
      next();
      return;
    }
    let ok = true;
    if (mode === 'basic' || mode === 'basic+token') {
      ok = basicMatches(req.get('authorization'), auth.webhookUser as string, auth.webhookPassword as string) && ok;
    }
    if (mode === 'token' || mode === 'basic+token') {
      // Compared even when absent, so a missing header costs the same as a wrong one.
      ok = secretEquals(req.get(TOKEN_HEADER) ?? '', auth.webhookToken as string) && ok;
    }
    if (!ok) {
      if (mode !== 'token') res.set('WWW-Authenticate', CHALLENGE);
      next(new AppError('UNAUTHENTICATED', 'Dialogflow webhook credentials are missing or wrong.'));
      return;
    }
    next();
  };
}

function basicMatches(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const givenUser = colon >= 0 ? decoded.slice(0, colon) : '';
  const givenPassword = colon >= 0 ? decoded.slice(colon + 1) : '';
  // Both compared every time: which half was wrong must not show in the timing.
  const userOk = secretEquals(givenUser, user);
  const passwordOk = secretEquals(givenPassword, password);
  return colon >= 0 && userOk && passwordOk;
}
