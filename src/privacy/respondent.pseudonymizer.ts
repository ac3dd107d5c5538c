import { createHmac } from 'node:crypto';

/**
 * Respondents are stored under a keyed hash of (platform, platform user id). Without the secret
 * the id cannot be linked back to an Alexa or Dialogflow account, and raw ids never reach the store.
 */
export function createPseudonymizer(secret: string): (platform: string, platformId: string) => string {
  if (secret.length < 16) throw new Error('pseudonym secret must be at least 16 characters');
  return (platform, platformId) =>
    createHmac('sha256', secret).update(`${platform}\u0000${platformId}`).digest('base64url').slice(0, 32);
}
