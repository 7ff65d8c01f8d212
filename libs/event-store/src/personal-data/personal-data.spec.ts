import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { decryptField, encryptField, isEncrypted } from './field-cipher.js';
import { personalFieldsOf } from './personal-fields.js';

describe('personal fields', () => {
  it('finds name, e-mail and phone beside a personId, at any depth', () => {
    const data = {
      surveyId: 's1',
      respondent: { personId: 'p1', name: 'Ada', email: 'ada@example.com', score: 4 },
      attendees: [{ personId: 'p2', phone: '+44 1234' }, { personId: 'p3' }],
      name: 'not personal: no personId beside it',
    };
    expect(personalFieldsOf(data).map(({ personId, path }) => [personId, path])).toEqual([
      ['p1', 'respondent.name'],
      ['p1', 'respondent.email'],
      ['p2', 'attendees[0].phone'],
    ]);
  });
});

describe('field cipher', () => {
  const key = randomBytes(32);

  it('round-trips, and encrypts one event field to the same bytes every time', () => {
    const sealed = encryptField(key, 'event-1', 'contact.email', 'ada@example.com');
    expect(isEncrypted(sealed)).toBe(true);
    expect(sealed).not.toContain('ada');
    expect(encryptField(key, 'event-1', 'contact.email', 'ada@example.com')).toBe(sealed);
    expect(encryptField(key, 'event-2', 'contact.email', 'ada@example.com')).not.toBe(sealed);
    expect(decryptField(key, sealed)).toBe('ada@example.com');
  });

  it('cannot be read with another key', () => {
    const sealed = encryptField(key, 'event-1', 'contact.name', 'Ada');
    expect(() => decryptField(randomBytes(32), sealed)).toThrow();
  });
});
