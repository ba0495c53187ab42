// `npm run clean [-- --all]`: removes the containers and networks of mqtt-labs runs whose process
// is gone (with --all: every one of this project, whoever started it). The work is done by
// support/docker/cleanup.ts, the same module the runner and the hooks use.
import { describeRemoval, removeAbandoned, removeAll } from '../support/docker/cleanup';

function main(all: boolean): void {
  try {
    const removed = all ? removeAll() : removeAbandoned();
    console.log(describeRemoval(removed, all ? 'of mqtt-labs' : 'of mqtt-labs left behind by finished runs'));
    if (removed.notRemoved.length) process.exitCode = 1;
  } catch (error) {
    console.error(`Could not clean up: ${(error as Error).message.split('\n')[0]}. Is Docker running?`);
    process.exitCode = 1;
  }
}

if (require.main === module) main(process.argv.includes('--all'));
