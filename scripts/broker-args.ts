// The command line of `npm run broker`, read with node:util's parseArgs: it knows options from
// positionals, `--shell cmd` and `--shell=cmd`, and rejects an unknown option with a clear message,
// which the hand-written filter on "--" it replaces did not.
import { parseArgs } from 'node:util';
import { UsageError } from './lab-folders';
import { Shell, SHELLS } from './shell-quoting';

export interface BrokerArgs {
  lab: string | undefined;
  config: string | undefined;
  stop: boolean;
  list: boolean;
  help: boolean;
  /** The shell the printed lines are for; undefined: detect it. */
  shell: Shell | undefined;
  /** --break-it lab06/acl-wide-open: an option that works in every shell, unlike BREAK_IT=... */
  breakIt: string | undefined;
}

export const USAGE = [
  'Usage: npm run broker -- <lab> [config]   e.g. npm run broker -- lab06 passwords.conf',
  '       npm run broker -- <lab>            a lab with several brokers (lab09): all of its docker-compose.yml',
  "       npm run broker -- <lab> --stop     remove the lab's brokers started in another terminal",
  "       npm run broker -- <lab> --list     the lab's broker configurations",
  '       --break-it <lab>/<exercise>        with a break-it exercise\'s files laid over the lab\'s',
  `       --shell ${SHELLS.join('|')}          print the lines to paste for that shell (default: the one npm was started from)`,
].join('\n');

export function parseBrokerArgs(argv: string[]): BrokerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { stop: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, shell: { type: 'string' }, 'break-it': { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 2) throw new UsageError(`Too many arguments: ${positionals.join(' ')}\n${USAGE}`);
  const shell = values.shell?.toLowerCase();
  if (shell !== undefined && !SHELLS.includes(shell as Shell)) throw new UsageError(`--shell ${values.shell}: one of ${SHELLS.join(', ')}.`);
  return {
    lab: positionals[0],
    config: positionals[1],
    stop: values.stop ?? false,
    list: values.list ?? false,
    help: values.help ?? false,
    shell: shell as Shell | undefined,
    breakIt: values['break-it'],
  };
}
