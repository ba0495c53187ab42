/**
 * Lab 9's bridges that production sites need: one that logs in to the hub with its own user
 * (the hub's password file and ACL), and one that reaches the hub over TLS. The hub's side is
 * brokers/lab09/secure-hub.conf; what crosses is checked with the ordinary bridge steps
 * (bridge_steps.ts). What these steps add is the evidence that the bridge really logged in,
 * as whom, and on which of the hub's listeners: the hub's own log says so.
 */
import { Given } from '@cucumber/cucumber';
import { bridgeLink, BRIDGE_UP_MS, waitForBridgeUp } from '../support/mqtt/bridges';
import { parseConfigRef } from '../support/brokers/lab-files';
import { brokerLogLine } from '../support/brokers/broker-admin';
import { passwordFilePreparation } from '../support/brokers/password-file';
import { bridgeTrustFiles, hubCertificateFiles } from '../support/pki/hub-certificate';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

Given('{broker} runs {string}, where bridges log in as the users of {string}', async function (this: LabWorld, name: string, configRef: string, usersRef: string) {
  // The password file is hashed in the container from the plain demo list, as in lab 6; the
  // certificate names the hub by the host name its bridges dial (its name on the network).
  await this.startBroker(name, configRef, {
    networked: true,
    preparation: passwordFilePreparation(parseConfigRef(usersRef).configFile),
    files: hubCertificateFiles(name),
  });
});

Given(
  "{broker} runs {string}, bridged to {broker}'s port {int} as the user {string}",
  async function (this: LabWorld, local: string, configRef: string, remote: string, port: number, username: string) {
    // The leaf gets the lab CA (and a CA that signed nothing here) for `bridge_cafile`.
    await this.startBroker(local, configRef, { networked: true, files: bridgeTrustFiles() });
    const link = bridgeLink(this, local, remote);
    const clientId = link.connection.remoteClientId ?? `${local}.${link.connection.name}`;
    try {
      const tookMs = await waitForBridgeUp(this, link);
      this.log(`bridge ${local} -> ${remote} up (state 1 and probes across) ${tookMs} ms after the ${local} broker started`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${bridgeEvidence(this, local, remote, clientId)}`);
    }
    const login = await loginInLog(this, remote, clientId);
    if (login.port !== port || login.username !== username) {
      throw new Error(`The ${remote} broker's log shows the bridge ${clientId} connected on port ${login.port} as user ${login.username ?? '(none)'}, not on port ${port} as user ${username}:\n  ${login.lines.join('\n  ')}`);
    }
    this.log(`the ${remote} broker's log: the bridge ${clientId} logged in on port ${port} as user ${username}`);
  },
);

interface BridgeLogin {
  port?: number;
  username?: string;
  lines: string[];
}

/**
 * How the bridge logged in, from the far broker's log (notice level, on by default):
 *   New connection from 172.18.0.3:40012 on port 8883.
 *   New bridge connected from 172.18.0.3:40012 as leaf-berlin (p2, c0, k5, u'leaf-berlin').
 * ("bridge", not "client": a Mosquitto bridge marks its CONNECT as a bridge's.) The address:port
 * pair ties the two lines together. Docker hands log lines over a moment after the broker wrote
 * them: brokerLogLine takes the line already there or waits for it to come.
 */
async function loginInLog(world: LabWorld, broker: string, clientId: string): Promise<BridgeLogin> {
  await brokerLogLine(world.broker(broker), connectedLine(clientId), PROMPTLY_MS, `the login of ${clientId}`).catch(() => undefined);
  return findLogin(world.broker(broker).logLines, clientId);
}

const connectedLine = (clientId: string) => new RegExp(`New (?:client|bridge) connected from (\\S+) as ${escapeRegExp(clientId)} \\(.*?(?:u'([^']*)')?\\)`);

function findLogin(logLines: string[], clientId: string): BridgeLogin {
  const connected = connectedLine(clientId);
  for (const line of [...logLines].reverse()) {
    const match = connected.exec(line);
    if (!match) continue;
    const opened = logLines.find((l) => l.includes(`New connection from ${match[1]} on port `));
    const port = opened ? Number(/on port (\d+)/.exec(opened)?.[1]) : undefined;
    return { port, username: match[2], lines: [opened, line].filter((l): l is string => l !== undefined) };
  }
  return { lines: [] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What both brokers logged about the bridge: why it did not come up, in Mosquitto's words. */
function bridgeEvidence(world: LabWorld, local: string, remote: string, clientId: string): string {
  // The test's own watcher and probe clients connect too: their lines say nothing about the bridge.
  const about = (line: string) => !/bridge-(watcher|probe)/.test(line) && (/bridge|connect|OpenSSL|TLS|SSL|not authori[sz]ed|Socket error/i.test(line) || line.includes(clientId));
  const lastLines = (broker: string) => world.broker(broker).logLines.filter(about).slice(-8);
  const show = (broker: string) => {
    const lines = lastLines(broker);
    return lines.length > 0 ? lines.map((l) => `    ${l}`).join('\n') : '    (nothing about the bridge)';
  };
  return (
    `The bridge did not come up within ${BRIDGE_UP_MS / 1000} s (it retries every 1-2 s: this bound is several tries).\n` +
    `  The ${local} broker (${world.broker(local).description}) logged:\n${show(local)}\n` +
    `  The ${remote} broker (${world.broker(remote).description}) logged:\n${show(remote)}`
  );
}
