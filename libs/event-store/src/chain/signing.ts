import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key checkpoints are signed with, from configuration (never from the database): an Ed25519
 * private key, or a secret string for HMAC-SHA256.
 */
export type SigningKey = KeyObject | string;
/** What verifies a checkpoint: an Ed25519 public (or private) key, or the HMAC secret. */
export type VerificationKey = KeyObject | string;
export type SignatureAlgorithm = 'ed25519' | 'hmac-sha256';

export interface CheckpointSigner {
  readonly algorithm: SignatureAlgorithm;
  readonly keyId: string;
  sign(payload: Buffer): Buffer;
}

export interface CheckpointVerifier {
  readonly algorithm: SignatureAlgorithm;
  readonly keyId: string;
  verify(payload: Buffer, signature: Buffer): boolean;
}

const MIN_SECRET_LENGTH = 32;

export function createCheckpointSigner(key: SigningKey): CheckpointSigner {
  if (typeof key === 'string') {
    const secret = checkedSecret(key);
    return {
      algorithm: 'hmac-sha256',
      keyId: hmacKeyId(secret),
      sign: (payload) => createHmac('sha256', secret).update(payload).digest(),
    };
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('The signing key must be an Ed25519 private key or an HMAC secret');
  }
  return {
    algorithm: 'ed25519',
    keyId: ed25519KeyId(createPublicKey(key)),
    sign: (payload) => sign(null, payload, key),
  };
}

export function createCheckpointVerifier(key: VerificationKey): CheckpointVerifier {
  if (typeof key === 'string') {
    const secret = checkedSecret(key);
    return {
      algorithm: 'hmac-sha256',
      keyId: hmacKeyId(secret),
      verify: (payload, signature) => {
        const expected = createHmac('sha256', secret).update(payload).digest();
        return signature.length === expected.length && timingSafeEqual(signature, expected);
      },
    };
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError('The verification key must be an Ed25519 key');
  return {
    algorithm: 'ed25519',
    keyId: ed25519KeyId(publicKey),
    verify: (payload, signature) => verify(null, payload, publicKey, signature),
  };
}

/**
 * A signing key from configuration text: a PEM Ed25519 private key (PKCS#8), or else an HMAC
 * secret of at least 32 characters.
 */
export function parseSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPrivateKey(trimmed);
  return checkedSecret(trimmed);
}

/** A verification key from configuration text: a PEM Ed25519 public or private key, or the HMAC secret. */
export function parseVerificationKey(text: string): VerificationKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    return trimmed.includes('PRIVATE KEY') ? createPrivateKey(trimmed) : createPublicKey(trimmed);
  }
  return checkedSecret(trimmed);
}

export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * For development only: the Ed25519 private key in `path`, created (mode 0600) when the file does
 * not exist. Production reads the key from its secret store.
 */
export function loadOrCreateDevSigningKey(path: string): KeyObject {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateSigningKeyPair().privateKeyPem, { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(path, 'utf8'));
}

function checkedSecret(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`An HMAC signing secret must have at least ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
}

const ed25519KeyId = (publicKey: KeyObject) =>
  `ed25519:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16)}`;

const hmacKeyId = (secret: string) =>
  `hmac:${createHmac('sha256', secret).update('event-store checkpoint key id').digest('hex').slice(0, 16)}`;
