// `npm run compose -- lab06 up`: Docker Compose in brokers/lab06/ with the project's broker image.
//
// A compose file cannot compute the project's image names itself, and without MOSQUITTO_IMAGE the
// labs' docker-compose.yml files stop with a message instead of pulling an image from a registry
// (which fails offline, and would be another Mosquitto than the one the labs were proven on).
// This wrapper sets MOSQUITTO_IMAGE (the image the scenarios use) and one <NAME>_IMAGE for every
// other image of the catalogue (NGINX_IMAGE, ...: scripts/compose-command.ts), runs
// `docker compose` (or Debian's `docker-compose`) in the lab's folder, and passes every other
// argument on:
//   npm run compose -- lab06 up
//   npm run compose -- lab06 exec broker mosquitto_sub -h localhost -t "#" -v
//   npm run compose -- lab06 down
// Setting the variables here rather than in the shell is what makes it work in cmd.exe and
// PowerShell too (`MOSQUITTO_IMAGE=... docker compose up` is sh syntax).
// `npm run compose:check` (scripts/compose-check.ts) starts every lab's file this way and proves it.
import { spawnSync } from 'node:child_process';
import { composeCommand, ensureImagesOf, imageVariables } from './compose-command';
import { labDir, resolveLab, UsageError } from './lab-folders';
import { SetupError } from '../support/images/setup-error';

function main(argv: string[]): number {
  const [labArg, ...composeArgs] = argv;
  if (!labArg) {
    console.error('Usage: npm run compose -- <lab> <docker compose arguments>   e.g. npm run compose -- lab06 up');
    return 2;
  }
  const lab = resolveLab(labArg);
  const compose = composeCommand();
  if (!compose) {
    console.error(`Neither \`docker compose\` nor \`docker-compose\` is installed. \`npm run broker -- ${lab}\` does the same with Docker alone.`);
    return 2;
  }
  if (['up', 'run', 'create'].includes(composeArgs[0] ?? 'up')) ensureImagesOf(lab);
  const env = { ...process.env, ...imageVariables() };
  const result = spawnSync(compose.program, [...compose.prefix, ...(composeArgs.length ? composeArgs : ['up'])], { cwd: labDir(lab), env, stdio: 'inherit' });
  return result.status ?? 1;
}

// Ctrl-C reaches Docker Compose too, which then stops the containers: wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UsageError || error instanceof SetupError ? error.message : String(error));
  process.exitCode = 2;
}
