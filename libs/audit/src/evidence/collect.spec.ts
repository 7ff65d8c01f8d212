import { describe, expect, it } from '@jest/globals';
import { isEncrypted } from '@lib/event-store';
import { ENCRYPTED_MARK } from './collect.js';

describe('the events read for a pack', () => {
  it('knows an encrypted personal field in the JSON text of an event by how the cipher begins it', () => {
    const text = JSON.stringify({ complainant: { personId: 'p', name: `${ENCRYPTED_MARK.slice(1)}abc.def.ghi` } });
    expect(text).toContain(ENCRYPTED_MARK);
    expect(isEncrypted(`${ENCRYPTED_MARK.slice(1)}abc.def.ghi`)).toBe(true);
    expect(isEncrypted(ENCRYPTED_MARK.slice(1, -1))).toBe(false);
  });
});
