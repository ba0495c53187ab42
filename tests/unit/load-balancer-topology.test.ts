/**
 * Lab 15's docker-compose.yml runs load balancers beside its brokers: what `npm run broker --
 * lab15` reads from it (scripts/lab-topology.ts) and which lab files count as broker
 * configurations (scripts/lab-folders.ts). No Docker needed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configsOf } from '../../scripts/lab-folders';
import { servicesOf } from '../../scripts/lab-topology';
import { recipesForBroker } from '../../scripts/recipes';

describe("lab 15's load balancers in its compose file", () => {
  it('reads a service whose entrypoint runs haproxy or nginx on a lab file as a load balancer', () => {
    const byName = new Map(servicesOf('lab15').map((s) => [s.name, s]));
    assert.deepEqual(byName.get('haproxy')?.balancer, { program: 'haproxy', config: 'haproxy.cfg' });
    assert.deepEqual(byName.get('nginx')?.balancer, { program: 'nginx', config: 'nginx.conf' });
    assert.equal(byName.get('alpha')?.config, 'broker.conf');
    assert.equal(byName.get('alpha')?.balancer, undefined);
  });

  it('counts no NGINX configuration as a broker configuration', () => {
    assert.deepEqual(configsOf('lab15'), ['broker.conf']);
  });

  it('prints no line through a load balancer for a broker started alone', () => {
    const lines = recipesForBroker('lab15', 'broker.conf').map((r) => r.words.join(' '));
    assert.ok(lines.length > 0);
    assert.deepEqual(lines.filter((line) => / -h (haproxy|nginx) /.test(line)), []);
  });
});
