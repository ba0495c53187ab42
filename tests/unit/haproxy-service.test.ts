/**
 * A second kind of service, proven without a scenario: HAProxy from the broker image, started
 * through the same layer as the brokers (support/services/), on both paths. Run it with
 * `npm run test:unit` (Docker and the broker image needed, as for `npm test`).
 *
 * What it shows: the kind module (support/services/kinds/haproxy.ts) is all HAProxy needs; the
 * service answers on a port published on 127.0.0.1 only, carries the project's labels, takes
 * the faults the labs inject; and a configuration with a typo fails at once with haproxy's
 * own error line and the file and line to fix.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// As cucumber.js does: testcontainers (the plain path) must not pull its helper images.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

import { dockerApi } from '../../support/docker/docker-api';
import { PROJECT_LABEL } from '../../support/docker/labels';
import { beyondLoopback, portBindingsOf } from '../../support/docker/loopback-only';
import { startScenarioNetwork } from '../../support/docker/scenario-network';
import { haproxy } from '../../support/services/kinds/haproxy';
import { Service, ServiceFile, ServiceRequest } from '../../support/services/service';
import { ServiceStartError } from '../../support/services/service-kind';
import { closeServicePools, startService } from '../../support/services/start-service';

const FIXTURE = 'tests/fixtures/haproxy/haproxy.cfg';
const HEALTH_PORT = 8404;
const config = readFileSync(join(__dirname, '..', '..', FIXTURE));

function request(content: Buffer = config, source = FIXTURE): ServiceRequest {
  const file: ServiceFile = { name: 'haproxy.cfg', content, source };
  return { name: 'balancer', description: 'tests/haproxy.cfg', files: [file], configFile: 'haproxy.cfg', ports: [1883, HEALTH_PORT] };
}

/** The same configuration with `bind` misspelt on its line 15. */
const withTypo = () => request(Buffer.from(config.toString().replace('bind :8404', 'bindd :8404')), `${FIXTURE} (with a typo)`);

async function answersOk(service: Service): Promise<void> {
  const response = await fetch(service.url(HEALTH_PORT, 'http'));
  assert.equal(response.status, 200);
  assert.equal(await response.text(), 'ok');
}

async function expectTypoRejected(): Promise<void> {
  const started = Date.now();
  const error = await startService(haproxy, withTypo()).then(
    () => assert.fail('HAProxy started on a configuration with a typo'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ServiceStartError, String(error));
  assert.match(error.message, /unknown keyword 'bindd' in 'frontend' section/);
  assert.match(error.message, /The line to fix: tests\/fixtures\/haproxy\/haproxy\.cfg \(with a typo\), line 15/);
  assert.ok(Date.now() - started < 5_000, `it took ${Date.now() - started} ms to fail`);
}

for (const path of ['pooled', 'plain'] as const) {
  describe(`HAProxy as a service, ${path} path`, () => {
    const usePath = () => (process.env.MQTT_LABS_PLAIN = path === 'plain' ? '1' : '0');

    it('starts, answers on 127.0.0.1 only, carries the labels, and takes the faults', async () => {
      usePath();
      const service = await startService(haproxy, request());
      try {
        await answersOk(service);
        assert.deepEqual(beyondLoopback(await portBindingsOf(service.getId())), []);
        const info = await (await dockerApi()).getContainer(service.getId()).inspect();
        assert.equal(info.Config.Labels[PROJECT_LABEL], 'mqtt-labs');

        const reloaded = service.waitForLogLine(haproxy.readyLine, 10_000);
        await service.reload();
        await reloaded;
        await service.kill();
        await service.startAgain();
        await answersOk(service);
        await service.stop();
        await service.startAgain();
        await service.restart();
        await service.pause();
        await service.unpause();
        await answersOk(service);
      } finally {
        await service.remove();
      }
    });

    it('fails at once on a typo, with haproxy -c saying what and where', async () => {
      usePath();
      await expectTypoRejected();
    });
  });
}

describe('HAProxy on a scenario network', () => {
  it('is cut off and put back under its name', async () => {
    process.env.MQTT_LABS_PLAIN = '0';
    const network = await startScenarioNetwork();
    const service = await startService(haproxy, { ...request(), network });
    const networksOf = async () => Object.keys((await (await dockerApi()).getContainer(service.getId()).inspect()).NetworkSettings.Networks);
    try {
      assert.ok((await networksOf()).includes(network.name));
      await service.cutNetwork();
      assert.ok(!(await networksOf()).includes(network.name));
      await service.restoreNetwork();
      assert.ok((await networksOf()).includes(network.name));
      await answersOk(service);
    } finally {
      await service.remove();
      await network.remove().catch(() => undefined);
    }
  });
});

after(() => closeServicePools());
