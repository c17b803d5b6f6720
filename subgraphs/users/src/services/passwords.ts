import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badUserInput } from '@supergraph/errors';

/**
 * scrypt, a memory-hard KDF built into Node (no native addon to build). Parameters are stored
 * with each hash so they can be raised later without invalidating existing passwords.
 */
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}

/** A hash of nothing, verified against when the email is unknown, so both failures take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash() {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

export function assertStrongPassword(password: string, field = 'input.password') {
  if (password.length < 10) throw badUserInput('Password must be at least 10 characters long', field);
  if (password.length > 200) throw badUserInput('Password must be at most 200 characters long', field);
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) throw badUserInput('Password must contain a letter and a digit', field);
}
