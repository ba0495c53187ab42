// `npm run broker -- <lab> --stop`: removes the lab's brokers (and topology network) that an
// `npm run broker` in another terminal started; never a container that is not mqtt-labs'.
import { existing, removeQuietly } from './docker-cli';
import { everythingOf } from './broker-names';

export function stopCommand(lab: string): void {
  const { containers, network } = everythingOf(lab);
  const found = containers.map((name) => ({ name, labels: existing('container', name) })).filter((c) => c.labels);
  const ours = found.filter((c) => c.labels?.ours).map((c) => c.name);
  const notOurs = found.filter((c) => !c.labels?.ours).map((c) => c.name);
  if (notOurs.length) console.log(`Not touching ${notOurs.join(', ')}: not mqtt-labs' containers.`);
  removeQuietly('container', ours);
  const networkOurs = existing('network', network)?.ours ?? false;
  if (networkOurs) removeQuietly('network', [network]);
  if (!ours.length && !networkOurs) {
    console.log(`No broker of ${lab} is running (no container ${containers.slice(0, 2).join(', ')}, ...).`);
    return;
  }
  console.log(`Stopped and removed ${[...ours, ...(networkOurs ? [`the network ${network}`] : [])].join(', ')}.`);
}
