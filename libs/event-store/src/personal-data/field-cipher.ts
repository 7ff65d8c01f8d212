import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

const PREFIX = 'pii:v1:';
export const ERASED = '[erased]';

export const isEncrypted = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

/**
 * AES-256-GCM with an IV derived from the event id and the field's path, so
 * the same event encrypts to the same bytes: an event appended again after a
 * lost reply is still recognised as the same event.
 */
export function encryptField(key: Buffer, eventId: string, path: string, plaintext: string): string {
  const iv = createHmac('sha256', key).update(`${eventId}:${path}`).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

export function decryptField(key: Buffer, value: string): string {
  const [iv, body, tag] = value.slice(PREFIX.length).split('.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
}
