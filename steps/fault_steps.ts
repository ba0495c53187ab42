/**
 * Steps that break a named broker the way production breaks: a clean stop, a kill with no
 * goodbye, a freeze where the connections stay open and nothing answers, a cut network between
 * two brokers that both keep running, and the way back.
 */
import { When } from '@cucumber/cucumber';
import { cutNetwork, killBroker, pauseBroker, restoreNetwork, startBrokerAgain, stopBroker, unpauseBroker } from '../support/brokers/faults';
import { LabWorld } from '../support/world/world';

When('{broker} is stopped', async function (this: LabWorld, broker: string) {
  await stopBroker(this, broker);
});

When('{broker} is killed', async function (this: LabWorld, broker: string) {
  await killBroker(this, broker);
});

When('{broker} freezes', async function (this: LabWorld, broker: string) {
  await pauseBroker(this, broker);
});

When('{broker} thaws', async function (this: LabWorld, broker: string) {
  await unpauseBroker(this, broker);
});

When('{broker} is started again', async function (this: LabWorld, broker: string) {
  await startBrokerAgain(this, broker);
});

When('the network between {broker} and {broker} is cut', async function (this: LabWorld, broker: string, peer: string) {
  await cutNetwork(this, broker, peer);
});

When('the network between {broker} and {broker} is restored', async function (this: LabWorld, broker: string, peer: string) {
  await restoreNetwork(this, broker, peer);
});
