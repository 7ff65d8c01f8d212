import { describe, expect, it } from '@jest/globals';
import { VerifiedCredentials } from './verified-credentials.js';

/** A check that counts how often it is asked, and answers when told to. */
function checkAnswering<T>(answer: T | undefined) {
  const pending: (() => void)[] = [];
  const check = Object.assign(
    () => {
      check.asked++;
      return new Promise<T | undefined>((resolve) => pending.push(() => resolve(answer)));
    },
    { asked: 0, answer: () => pending.splice(0).forEach((resolve) => resolve()) },
  );
  return check;
}

const instant = <T>(answer: T | undefined) => {
  const check = Object.assign(
    () => {
      check.asked++;
      return Promise.resolve(answer);
    },
    { asked: 0 },
  );
  return check;
};

describe('VerifiedCredentials', () => {
  it('gives back what a check found until the trust period ends, then checks again', async () => {
    let now = 0;
    const credentials = new VerifiedCredentials<string>(5_000, () => now);
    const check = instant('admin');
    await expect(credentials.verify('key-1', check)).resolves.toBe('admin');
    now = 4_999;
    await expect(credentials.verify('key-1', check)).resolves.toBe('admin');
    expect(check.asked).toBe(1);
    now = 5_000;
    await expect(credentials.verify('key-1', check)).resolves.toBe('admin');
    expect(check.asked).toBe(2);
  });

  it('keeps nothing for a credential the check did not find', async () => {
    const credentials = new VerifiedCredentials<string>();
    const check = instant<string>(undefined);
    await expect(credentials.verify('key-1', check)).resolves.toBeUndefined();
    await expect(credentials.verify('key-1', check)).resolves.toBeUndefined();
    expect(check.asked).toBe(2);
  });

  it('lets the requests that come during a check share its answer', async () => {
    const credentials = new VerifiedCredentials<string>();
    const check = checkAnswering('admin');
    const answers = Promise.all([1, 2, 3].map(() => credentials.verify('key-1', check)));
    check.answer();
    await expect(answers).resolves.toEqual(['admin', 'admin', 'admin']);
    expect(check.asked).toBe(1);
  });

  it('does not keep a failed check, and asks again', async () => {
    const credentials = new VerifiedCredentials<string>();
    await expect(credentials.verify('key-1', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    const check = instant('admin');
    await expect(credentials.verify('key-1', check)).resolves.toBe('admin');
    expect(check.asked).toBe(1);
  });

  it('forgets a credential at once, even one whose check is under way', async () => {
    const credentials = new VerifiedCredentials<string>();
    await credentials.verify('key-1', instant('admin'));
    credentials.forget('key-1');
    const slow = checkAnswering('admin');
    const during = credentials.verify('key-1', slow);
    credentials.forget('key-1');
    slow.answer();
    await during;
    const after = instant<string>(undefined);
    await expect(credentials.verify('key-1', after)).resolves.toBeUndefined();
    expect(after.asked).toBe(1);
  });

  it('keeps at most ten thousand credentials, dropping the one kept longest ago', async () => {
    const credentials = new VerifiedCredentials<number>();
    for (let i = 0; i <= 10_000; i++) await credentials.verify(`key-${i}`, instant(i));
    const check = instant(-1);
    await expect(credentials.verify('key-1', check)).resolves.toBe(1);
    await expect(credentials.verify('key-10000', check)).resolves.toBe(10_000);
    await expect(credentials.verify('key-0', check)).resolves.toBe(-1);
    expect(check.asked).toBe(1);
  });
});
