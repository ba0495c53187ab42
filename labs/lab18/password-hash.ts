/**
 * Password hashes for the auth service (lab 18): scrypt from Node's crypto, a random salt per
 * user, compared in constant time.
 *
 * WHY a slow hash with a salt: the users file (or the database behind a real service) leaks
 * one day. With a plain or fast hash (SHA-256) an attacker tries billions of passwords per
 * second, and two users with the same password have the same hash. scrypt makes each guess
 * cost memory and time, and the salt makes each user's hash different and precomputed tables
 * useless. Mosquitto's own mosquitto_passwd does the same with PBKDF2-SHA512 (lab 6).
 *
 * WHY timingSafeEqual: `a === b` stops at the first differing byte, so its duration says how
 * much of a guess was right. timingSafeEqual takes the same time whatever the bytes.
 *
 * The stored form names its parameters, so they can be raised later without breaking the
 * hashes already stored: scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>
 */
import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/** Node's default cost (N = 2^14, 16 MiB of memory per check): tens of milliseconds a guess. */
const COST = { N: 16384, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function scryptAsync(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  // The callback form runs in libuv's thread pool: the service answers other requests meanwhile.
  return new Promise((resolve, reject) => scrypt(password, salt, keyBytes, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))));
}

/** The stored form of a new password, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Reads a stored hash; throws on anything that is not one (the users file is then wrong). */
export function parseHash(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!match) throw new Error('is not a hash of the form scrypt$N$r$p$salt$hash (make one with `node build/labs/lab18/hash-password.js <password>`)');
  const [N, r, p, salt, key] = match.slice(1) as [string, string, string, string, string];
  return { N: Number(N), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether `password` is the one `stored` was made from. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const { N, r, p, salt, key } = parseHash(stored);
  const candidate = await scryptAsync(password, salt, key.length, { N, r, p });
  return timingSafeEqual(candidate, key);
}
