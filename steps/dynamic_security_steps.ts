/**
 * Steps about the dynamic security plugin (lab 17): an administrator changes clients, roles and
 * groups with mosquitto_ctrl while the broker runs, and the clients meet the change: a refused
 * SUBSCRIBE, a DISCONNECT, a refused CONNECT. How fast a change reaches a connected client is
 * measured from mosquitto_ctrl's start and logged in the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { grantFor, refusableSubscribe } from '../support/mqtt/access-control';
import { expectGranted } from '../support/mqtt/reason-code-checks';
import { ctrlArguments, createdClient, dynsecFileContent, DYNSEC_FILE, mosquittoCtrl, mosquittoCtrlScript } from '../support/brokers/dynamic-security';
import { ChangeWatch } from '../support/brokers/dynamic-security-changes';
import { READY_LINE } from '../support/brokers/broker';
import { LabWorld } from '../support/world/world';
import { PROJECT_ROOT } from '../support/world/paths';

/** "mosquitto_ctrl dynsec createClient ..." as a feature writes it, without the admin's login. */
function commandOf(line: string): string[] {
  const args = ctrlArguments(line);
  if (args[0] !== 'mosquitto_ctrl') throw new Error(`An administrator's line starts with mosquitto_ctrl: "${line}"`);
  return args.slice(1);
}

/** Runs one line; a client it creates can then log in with "its password". */
async function runCtrl(world: LabWorld, line: string) {
  const args = commandOf(line);
  const result = await mosquittoCtrl(world.broker(), args);
  const created = createdClient(args);
  if (created) world.demoUsers.add(created.username, created.password);
  return result;
}

Given('the administrator has run:', async function (this: LabWorld, lines: string) {
  // One docker exec for the lines, as an administrator's script: each still its own mosquitto_ctrl.
  const commands = lines.split('\n').filter((l) => l.trim() !== '').map(commandOf);
  await mosquittoCtrlScript(this.broker(), commands);
  for (const args of commands) {
    const created = createdClient(args);
    if (created) this.demoUsers.add(created.username, created.password);
  }
});

When('the administrator enters {string}', async function (this: LabWorld, line: string) {
  // Watch every connected client's connection before the command starts, so that a DISCONNECT
  // that arrives while mosquitto_ctrl is still printing its answer is timed when it arrived.
  const watch = this.dynsecChanges.start([...this.clients.values()].filter((c) => c.isConnected));
  const result = await runCtrl(this, line);
  watch.commandRan(line, result.startedAt);
});

/** The change's latency as the report shows it: one line per measurement, greppable. */
function reportLatency(world: LabWorld, watch: ChangeWatch, what: string, ms: number): void {
  world.log(`dynsec latency: "${watch.command}" -> ${what}: ${ms} ms`);
}

Then('{client} was cut off at most {int} ms after mosquitto_ctrl started', async function (this: LabWorld, name: string, bound: number) {
  const watch = this.dynsecChanges.last();
  const closedAt = await watch.closedAt(name);
  const ms = closedAt - watch.startedAt;
  reportLatency(this, watch, `${name} cut off`, ms);
  expect(ms, `ms from the start of \`${watch.command}\` to the close of the ${name}'s connection`).to.be.at.most(bound);
});

When('{client} subscribes to {topic} again, on the same connection', async function (this: LabWorld, name: string, filter: string) {
  const client = this.existingClient(name);
  const connects = client.trace.filter((t) => t.direction === 'sent' && t.packet.cmd === 'connect').length;
  expect(connects, `CONNECT packets the ${name} sent: it must not have reconnected`).to.equal(1);
  client.expectConnected('a subscribe on the same connection');
  await refusableSubscribe(client, filter);
  this.dynsecChanges.last().granted(name, Date.now());
  expectGranted(client, filter, grantFor(client, filter));
});

Then("{client}'s subscription was granted at most {int} ms after mosquitto_ctrl started", function (this: LabWorld, name: string, bound: number) {
  const watch = this.dynsecChanges.last();
  const ms = watch.grantedAt(name) - watch.startedAt;
  reportLatency(this, watch, `${name}'s SUBACK granted`, ms);
  expect(ms, `ms from the start of \`${watch.command}\` to the SUBACK that granted the ${name}'s subscription`).to.be.at.most(bound);
});

Given('{client} is logged in with a durable session, subscribed to {topic}', async function (this: LabWorld, name: string, filter: string) {
  // MQTT 3.1.1 clean session false: the broker keeps the subscription while the client is away.
  const client = this.client(name);
  await client.connect(this.broker().url(), { clean: false, ...this.demoUsers.credentialsOf(name) });
  const [grant] = await client.subscribe(filter, { qos: 1 });
  expectGranted(client, filter, grant?.qos);
});

When('{client} logs in again to its durable session', async function (this: LabWorld, name: string) {
  await this.existingClient(name).connect(this.broker().url(), { clean: false, ...this.demoUsers.credentialsOf(name) });
});

Then('the broker was neither restarted nor reloaded', function (this: LabWorld) {
  const lines = this.broker().logLines;
  expect(lines.filter((l) => READY_LINE.test(l)), 'the lines in which Mosquitto says it started').to.have.length(1);
  expect(lines.filter((l) => /Reloading config/.test(l)), 'the lines in which Mosquitto says it reloaded (SIGHUP)').to.deep.equal([]);
});

Then('the broker logged who changed what:', function (this: LabWorld, expected: string) {
  // The plugin logs each change as "dynsec: <admin client id>/<admin username> | <command> | ...".
  for (const want of expected.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const line = this.broker().logLines.find((l) => l.includes('dynsec: ') && l.includes(want));
    expect(line, `a "dynsec:" line of the broker's log with "${want}"\n${this.broker().logLines.filter((l) => l.includes('dynsec')).join('\n')}`).to.be.a('string');
  }
});

// --- The plugin's file ------------------------------------------------------------------------

interface DynsecFile {
  clients: { username: string; roles?: { rolename: string }[]; groups?: { groupname: string }[]; password?: string }[];
  roles: { rolename: string; acls?: { acltype: string; topic: string; allow: boolean }[] }[];
}

Then("the plugin's file in the broker's container lists:", async function (this: LabWorld, table: DataTable) {
  const text = await dynsecFileContent(this.broker());
  this.attach(text, { mediaType: 'text/plain', fileName: DYNSEC_FILE });
  const file = JSON.parse(text) as DynsecFile;
  for (const { client, role, acl } of table.hashes()) {
    const entry = file.clients.find((c) => c.username === client);
    expect(entry, `client ${client} in ${DYNSEC_FILE}`).to.not.equal(undefined);
    expect(entry!.roles?.map((r) => r.rolename), `the roles of ${client} in ${DYNSEC_FILE}`).to.include(role);
    // Only a salted hash of the password is written, never the password itself.
    expect(text, `${DYNSEC_FILE} holds ${client}'s password in clear`).to.not.contain(`"${this.demoUsers.credentialsOf(client).password as string}"`);
    const [acltype, topic, allow] = acl.split(' ');
    // Each ACL also carries its priority (0 unless given): compared without it.
    const acls = (file.roles.find((r) => r.rolename === role)?.acls ?? []).map((a) => ({ acltype: a.acltype, topic: a.topic, allow: a.allow }));
    expect(acls, `the ACLs of role ${role} in ${DYNSEC_FILE}`).to.deep.include({ acltype, topic, allow: allow === 'allow' });
  }
});

Then('the committed brokers\\/lab17\\/dynamic-security.json still lists the admin client alone', function (this: LabWorld) {
  // The scenario's broker got a copy; the file in the project is the learner's starting point.
  const file = JSON.parse(readFileSync(join(PROJECT_ROOT, 'brokers', 'lab17', 'dynamic-security.json'), 'utf8')) as DynsecFile;
  expect(file.clients.map((c) => c.username), 'the clients of brokers/lab17/dynamic-security.json').to.deep.equal(['admin']);
});
