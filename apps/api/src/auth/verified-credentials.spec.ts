import { describe, expect, it } from '@jest/globals';
import { VerifiedCredentials } from './verified-credentials.js';

describe('VerifiedCredentials', () => {
  it('gives back what it keeps until the trust period ends, then nothing', () => {
    let now = 0;
    const credentials = new VerifiedCredentials<string>(5_000, () => now);
    credentials.keep('key-1', 'admin');
    now = 4_999;
    expect(credentials.get('key-1')).toBe('admin');
    now = 5_000;
    expect(credentials.get('key-1')).toBeUndefined();
  });

  it('forgets a credential at once', () => {
    const credentials = new VerifiedCredentials<string>();
    credentials.keep('key-1', 'admin');
    credentials.forget('key-1');
    expect(credentials.get('key-1')).toBeUndefined();
  });

  it('keeps at most ten thousand credentials, dropping the one kept longest ago', () => {
    const credentials = new VerifiedCredentials<number>();
    for (let i = 0; i <= 10_000; i++) credentials.keep(`key-${i}`, i);
    expect(credentials.get('key-0')).toBeUndefined();
    expect(credentials.get('key-1')).toBe(1);
    expect(credentials.get('key-10000')).toBe(10_000);
  });
});
