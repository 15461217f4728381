/** argon2id password hashing and the password rule (等保: length and character classes). */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random string, verified against when the username is unknown so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no-such-user-' + Math.random());
  return dummyHash;
}

/** One broken part of the password rule: `rule` and `params` let the web say it in the user's language. */
export interface PasswordProblem {
  rule: 'minLength' | 'maxLength' | 'characterClasses' | 'containsUsername' | 'unchanged';
  message: string;
  params?: { limit: number };
}

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 10) {
    problems.push({ rule: 'minLength', message: 'at least 10 characters', params: { limit: 10 } });
  }
  if (password.length > 128) {
    problems.push({ rule: 'maxLength', message: 'at most 128 characters', params: { limit: 128 } });
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) {
    problems.push({
      rule: 'characterClasses',
      message: '3 of: upper case, lower case, digit, symbol',
      params: { limit: 3 },
    });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ rule: 'containsUsername', message: 'must not contain the username' });
  }
  return problems;
}
