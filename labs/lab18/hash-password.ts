/**
 * Lab 18: prints the stored form of a password for brokers/lab18/users.json (a salted scrypt
 * hash, see password-hash.ts). Never put the password itself in that file.
 *
 *   npm run build
 *   PASSWORD=... node build/labs/lab18/hash-password.js     (PowerShell: $env:PASSWORD = "...")
 */
import { optionalSetting } from '../shared/settings';
import { hashPassword } from './password-hash';

async function main(): Promise<void> {
  const password = optionalSetting('PASSWORD');
  if (password === undefined) throw new Error('Set PASSWORD to the password to hash');
  console.log(await hashPassword(password));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
