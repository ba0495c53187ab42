// `npm run compose -- lab06 up`: Docker Compose in brokers/lab06/ with the project's broker image.
//
// A compose file cannot compute the project's image name itself, and without MOSQUITTO_IMAGE the
// labs' docker-compose.yml files stop with a message instead of pulling an image from a registry
// (which fails offline, and would be another Mosquitto than the one the labs were proven on).
// This wrapper sets MOSQUITTO_IMAGE (the image the scenarios use), runs `docker compose` (or
// Debian's `docker-compose`) in the lab's folder, and passes every other argument on:
//   npm run compose -- lab06 up
//   npm run compose -- lab06 exec broker mosquitto_sub -h localhost -t "#" -v
//   npm run compose -- lab06 down
// Setting the variable here rather than in the shell is what makes it work in cmd.exe and
// PowerShell too (`MOSQUITTO_IMAGE=... docker compose up` is sh syntax).
import { spawnSync } from 'node:child_process';
import { brokerImage } from '../support/docker/preflight';
import { labDir, resolveLab, UsageError } from './lab-folders';

/** `docker compose` (the v2 plugin) if it is there, else `docker-compose` (v1, Debian's package). */
function composeCommand(): [string, string[]] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', ['compose']];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose', []];
  return undefined;
}

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
  const [command, prefix] = compose;
  const env = { ...process.env, MOSQUITTO_IMAGE: brokerImage() };
  const result = spawnSync(command, [...prefix, ...(composeArgs.length ? composeArgs : ['up'])], { cwd: labDir(lab), env, stdio: 'inherit' });
  return result.status ?? 1;
}

// Ctrl-C reaches Docker Compose too, which then stops the containers: wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UsageError ? error.message : String(error));
  process.exitCode = 2;
}
