/**
 * A compose command for `npm run compose` (play by hand) and `npm run compose:check` (CI proves
 * every lab's docker-compose.yml). Docker Desktop (Windows, macOS) brings `docker compose`; on a
 * bare Debian/Ubuntu server or CI machine, set-up installs Debian's `docker-compose` where
 * neither command is there: Compose 1.29.2 (Python) on Debian 12, Compose 2.26.1 (the plugin, with
 * a docker-compose link) on Debian 13, checked with apt in a Debian 13 container. Elsewhere without one, only the compose commands
 * are missing (`npm run broker` starts the same brokers with Docker alone): set-up says so and goes on.
 */
import { aptInstall, isLinuxRootWithApt, outputOfSync } from '../../support/images/commands';
import { composeCommand } from '../compose-command';
import { info, step } from './output';

export async function ensureComposeCommand(): Promise<void> {
  let compose = composeCommand();
  if (!compose && isLinuxRootWithApt()) {
    step('Installing Docker Compose for the compose files (apt: docker-compose)');
    await aptInstall('docker-compose');
    compose = composeCommand();
  }
  if (compose) {
    const version = outputOfSync(compose.program, [...compose.prefix, 'version', '--short'])?.trim();
    step(`Docker Compose: ${compose.name}${version ? ` ${version}` : ''}`);
  } else {
    step('No Docker Compose found: npm run compose will not work');
    info('npm run broker -- labNN starts the same brokers with Docker alone; or install Docker Compose (Docker Desktop has it)');
  }
}
