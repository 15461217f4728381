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

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('至少 10 个字符 (at least 10 characters)');
  if (password.length > 128) problems.push('最多 128 个字符 (at most 128 characters)');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3)
    problems.push('需包含大写字母、小写字母、数字、符号中的至少三类 (3 of: upper, lower, digit, symbol)');
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('不能包含用户名 (must not contain the username)');
  }
  return problems;
}
