import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, so not importable here). */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's 2023 minimum (19 MiB memory, 2 iterations, 1 lane):
 * ~30 ms per hash on this 2-core machine, slow enough for attackers, cheap
 * enough that sign-in stays fast.
 */
const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword(phc: string, password: string): Promise<boolean> {
  return verify(phc, password).catch(() => false);
}

/**
 * Verifying against this when the email is unknown keeps the timing the same
 * either way: an argon2id hash with the parameters of password.ts (a test
 * checks they agree) of a password nobody knows.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$dNeYZwDTPfNeyxq6ZUyBng$VI4JwyrVdQ4zI0y5wkUFxIJSZ1452XPFbkETR1VW6yQ';
