/**
 * The auth service's users (lab 18): read from a JSON file at start and on SIGHUP.
 *
 *   { "users": [ { "username": "sensor", "password": "scrypt$16384$8$1$...", "superuser": false } ] }
 *
 * Only hashes are stored (password-hash.ts). A real service keeps its users in a database; the
 * contract with the broker stays the same.
 */
import { readFileSync } from 'node:fs';
import { parseHash, verifyPassword } from './password-hash';

export interface StoredUser {
  username: string;
  /** scrypt$N$r$p$salt$hash, never the password itself. */
  password: string;
  superuser?: boolean;
}

export class UserStore {
  private constructor(private readonly users: ReadonlyMap<string, StoredUser>) {}

  /** Reads the file; a user without a valid hash stops the service at once, with its name. */
  static fromFile(path: string): UserStore {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { users?: StoredUser[] };
    if (!Array.isArray(parsed.users)) throw new Error(`${path} has no "users" list`);
    const users = new Map<string, StoredUser>();
    for (const user of parsed.users) {
      if (typeof user.username !== 'string' || typeof user.password !== 'string') throw new Error(`${path}: every user needs a "username" and a "password" hash`);
      try {
        parseHash(user.password);
      } catch (error) {
        throw new Error(`${path}: the password of "${user.username}" ${(error as Error).message}`);
      }
      users.set(user.username, user);
    }
    return new UserStore(users);
  }

  get size(): number {
    return this.users.size;
  }

  /** True only for a known user with the right password. An unknown user costs a hash too. */
  async checkPassword(username: string, password: string): Promise<boolean> {
    const user = this.users.get(username);
    // Hash even for an unknown user, against a dummy: a fast "no" would tell an attacker
    // which usernames exist.
    const ok = await verifyPassword(user?.password ?? UNKNOWN_USER_HASH, password);
    return user !== undefined && ok;
  }

  /**
   * Hashes once before the service takes questions: the first scrypt of a process also starts
   * Node's thread pool and takes several times longer, and the broker would wait for it.
   */
  async warmUp(): Promise<void> {
    await verifyPassword(UNKNOWN_USER_HASH, 'warm-up');
  }

  isSuperuser(username: string): boolean {
    return this.users.get(username)?.superuser === true;
  }
}

/** A valid hash of a random password nobody knows (same cost as the real ones). */
const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
