// `npm run broker -- lab06 [config]`: a lab's broker to play with by hand.
//
// Starts the broker through the same service layer as the scenarios (support/services/, its
// plain path), with the lab's files as the scenarios get them, publishes its ports on 127.0.0.1 only, prints where to
// connect and mosquitto_sub/mosquitto_pub lines that run inside the image (no local Mosquitto
// needed), quoted for the learner's shell, follows the broker's log, and removes the container
// on Ctrl-C. A lab whose docker-compose.yml defines several brokers (lab 9's hub and leaf) gets
// all of them, as Compose would start them (scripts/broker-run.ts).
//
//   npm run broker -- lab06                      the lab's default configuration
//   npm run broker -- lab09                      every broker of lab 9's docker-compose.yml
//   npm run broker -- lab06 passwords.conf       one configuration (unknown names list the lab's configs)
//   npm run broker -- lab06 --stop               remove the lab's brokers started in another terminal
//   npm run broker -- lab06 --shell cmd          print the lines for cmd.exe (sh, powershell, cmd)
//   npm run broker -- lab06 --break-it lab06/<name>   with a break-it exercise's files laid over
//                                                (BREAK_IT=lab06/<name> works too, in a POSIX shell)
//
// Node and a Docker engine only: no bash, no Docker Compose.
import './broker-testcontainers-env';
import { parseBrokerArgs, USAGE } from './broker-args';
import { runOne, runTopology } from './broker-run';
import { stopCommand } from './broker-stop';
import { configsOf, defaultConfigOf, labsThatExist, resolveConfig, resolveLab, UsageError } from './lab-folders';
import { servicesOf } from './lab-topology';
import { detectShell } from './shell-quoting';

function listConfigs(lab: string): void {
  const services = servicesOf(lab);
  const alone =
    services.length > 1
      ? `without one, all ${services.length} brokers of docker-compose.yml: ${services.map((s) => s.name).join(', ')}`
      : `default ${defaultConfigOf(lab)}`;
  console.log(`${lab}'s broker configurations: ${configsOf(lab).join(', ')} (${alone})`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseBrokerArgs(argv);
  if (args.help || !args.lab) {
    console.log(`${USAGE}\nLabs: ${labsThatExist().join(', ')}`);
    return args.help ? 0 : 2;
  }
  const lab = resolveLab(args.lab);
  if (args.stop) return (stopCommand(lab), 0);
  if (args.list) return (listConfigs(lab), 0);
  const options = { shell: args.shell ?? detectShell(), breakIt: args.breakIt ?? (process.env.BREAK_IT?.trim() || undefined) };
  const services = servicesOf(lab);
  if (!args.config && services.length > 1) return runTopology(lab, services, options);
  // A lab whose one broker needs a service beside it (lab 18's auth service) starts them both,
  // the broker on the configuration named.
  const brokers = services.filter((s) => !s.nodeApp && !s.balancer);
  if (args.config && services.some((s) => s.nodeApp) && brokers.length === 1) {
    const config = resolveConfig(lab, args.config);
    return runTopology(lab, services.map((s) => (s === brokers[0] ? { ...s, config } : s)), options);
  }
  return runOne(lab, resolveConfig(lab, args.config), options);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: { stderr?: string; message?: string }) => {
    console.error(error instanceof UsageError ? error.message : `npm run broker failed: ${String(error.stderr || error.message).trim()}`);
    process.exit(2);
  },
);
