/**
 * Lab 18: prints the stored form of a password for brokers/lab18/users.json (a salted scrypt
 * hash, see password-hash.ts). Never put the password itself in that file.
 *
 *   npm run build
 *   node build/labs/lab18/hash-password.js <password>        (the same line in every shell)
 * or with the password in PASSWORD instead of on the command line, where your shell's history
 * would keep it (sh: PASSWORD=... node ...; PowerShell: $env:PASSWORD = "..." first).
 */
import { optionalSetting } from '../shared/settings';
import { hashPassword } from './password-hash';

async function main(): Promise<void> {
  const password = process.argv[2] ?? optionalSetting('PASSWORD');
  if (password === undefined) throw new Error('Usage: node build/labs/lab18/hash-password.js <password> (or set PASSWORD)');
  console.log(await hashPassword(password));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
