import { loadOrCreateDevSigningKey, parseSigningKey, type SigningKey } from '@lib/event-store';
import { ConfigurationError, type Configuration } from '../config/configuration.js';

/**
 * The key that signs the audit chain's checkpoints. It lives outside the
 * database, so that someone who can rewrite the log cannot re-sign it:
 * AUDIT_SIGNING_KEY (an Ed25519 private key in PEM, or an HMAC secret; the
 * configuration requires it in production), or else a key file made on first use.
 */
export function auditSigningKey(config: Configuration): SigningKey {
  if (config.AUDIT_SIGNING_KEY) {
    try {
      return parseSigningKey(config.AUDIT_SIGNING_KEY);
    } catch (error) {
      throw new ConfigurationError('AUDIT_SIGNING_KEY', (error as Error).message);
    }
  }
  return loadOrCreateDevSigningKey(config.AUDIT_SIGNING_KEY_FILE);
}
