import { expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

it('checks unknown emails against a hash made with the same parameters as real ones', async () => {
  const real = await hashPassword('a real password');
  // Same algorithm, version, memory, iterations and lanes: the same work, so the same time.
  const params = (phc: string) => phc.split('$').slice(1, 4).join('$');
  expect(params(DUMMY_HASH)).toBe(params(real));
  expect(await verifyPassword(DUMMY_HASH, 'a real password')).toBe(false);
});
