// What `npm run compose:check` derives from a compose file before it starts anything
// (scripts/compose-check-plan.ts): the services, their image variables and published ports, the
// mistakes it stops on at once, the set-up, the bridges it waits for and the two by-hand lines it
// runs. Checked on every lab's real docker-compose.yml and on small files written to be wrong.
// No Docker needed. Run: node --require ts-node/register --test tests/unit/compose-check-plan.test.ts
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalogueNameOf, imageVariableOf } from '../../scripts/compose-command';
import { CATALOGUE } from '../../support/images/catalogue';
import { bridgesOf, composePlanOf, execArgumentsOf, isStateOf, linesRunHere, listenerBehind, loginOf, probeOf, recipeRunOf, setupScriptsOf } from '../../scripts/compose-check-plan';
import { composeFileOf, labDir, labsThatExist, PROJECT_ROOT } from '../../scripts/lab-folders';
import { headerCommentOf } from '../../scripts/lab-topology';
import { Recipe, recipesOf } from '../../scripts/recipes';
import { splitShWords } from '../../scripts/shell-quoting';

// The variables `npm run compose` sets: one per catalogue image (MOSQUITTO_IMAGE, NODE_SERVICE_IMAGE, ...).
const VARIABLES = CATALOGUE.map((entry) => imageVariableOf(entry.name));
const labsWithCompose = labsThatExist().filter((lab) => composeFileOf(lab));

const broker = (ports: string) => `services:
  broker:
    image: \${MOSQUITTO_IMAGE:?set it}
    labels: { org.mqtt-labs.project: mqtt-labs }
    ports: ${ports}
    command: ["sh", "/lab-broker-start.sh", "mosquitto.conf"]
`;

const line = (text: string, service = 'broker', note = ''): Recipe => ({ words: splitShWords(text), note, service, configs: ['mosquitto.conf'], forOwnService: true });

describe('the image variables of the catalogue', () => {
  it('are the catalogue name upper-cased, dashes as underscores', () => {
    assert.equal(imageVariableOf('mosquitto'), 'MOSQUITTO_IMAGE');
    assert.equal(imageVariableOf('node-service'), 'NODE_SERVICE_IMAGE');
    assert.equal(catalogueNameOf('MOSQUITTO_IMAGE'), 'mosquitto');
    assert.equal(catalogueNameOf('NO_SUCH_IMAGE'), undefined);
  });
});

describe("every lab's docker-compose.yml, as the check reads it", () => {
  for (const lab of labsWithCompose) {
    it(`${lab}: no problem, every port on 127.0.0.1, a subscriber line to run`, () => {
      const plan = composePlanOf(composeFileOf(lab), VARIABLES);
      assert.deepEqual(plan.problems, []);
      assert.ok(plan.services.length > 0);
      for (const service of plan.services) {
        assert.ok(service.ports.length > 0, `${service.name} publishes no port`);
        assert.ok(service.ports.every((p) => p.hostIp === '127.0.0.1'));
      }
      const run = recipeRunOf(recipesOf(lab), plan.services);
      assert.ok(run, 'no subscriber line');
      assert.ok(run.subscriber.words.includes('mosquitto_sub'));
    });
  }

  it("lab 12's six brokers on 1883 to 1888, all Mosquitto", () => {
    const plan = composePlanOf(composeFileOf('lab12'), VARIABLES);
    assert.deepEqual(plan.services.map((s) => [s.name, s.ports[0].host, probeOf(s, s.ports[0])]), [
      ['cloud', 1883, 'broker'], ['hamburg', 1884, 'broker'], ['munich', 1885, 'broker'],
      ['primary', 1886, 'broker'], ['secondary', 1887, 'broker'], ['edge-dr', 1888, 'broker'],
    ]);
  });

  it('lab 13 runs npm run certs first and publishes TLS on 8883, lab 18 builds its auth service first; no other lab has set-up', () => {
    assert.deepEqual(setupScriptsOf(headerCommentOf('lab13')), ['certs']);
    assert.deepEqual(setupScriptsOf(headerCommentOf('lab18')), ['build']);
    assert.deepEqual(composePlanOf(composeFileOf('lab13'), VARIABLES).services[0].ports, [{ hostIp: '127.0.0.1', host: 8883, container: 8883 }]);
    for (const lab of labsWithCompose.filter((l) => l !== 'lab13' && l !== 'lab18')) assert.deepEqual(setupScriptsOf(headerCommentOf(lab)), [], lab);
  });

  it("runs each lab's first subscriber line and first publishing line, and knows the payload", () => {
    const payloads = Object.fromEntries(labsWithCompose.map((lab) => [lab, recipeRunOf(recipesOf(lab), composePlanOf(composeFileOf(lab), VARIABLES).services)?.payload]));
    assert.equal(payloads.lab01, 'hello');
    assert.equal(payloads.lab05, 'offline'); // the will of the client killed after 5 s
    assert.equal(payloads.lab08, undefined); // no publisher line: $SYS/# gets the broker's own
    assert.equal(payloads.lab10, '1200');
    assert.equal(payloads.lab12, '71'); // published on hamburg, read on cloud
  });

  it("lab 17 first runs its mosquitto_ctrl lines, which create the users its pair logs in as, and logs in as admin to check CONNECT", () => {
    const recipes = recipesOf('lab17');
    const run = recipeRunOf(recipes, composePlanOf(composeFileOf('lab17'), VARIABLES).services)!;
    assert.ok(run.preparation.length >= 4);
    assert.ok(run.preparation.every((line) => line.words.includes('mosquitto_ctrl')));
    assert.ok(run.preparation.some((line) => line.words.join(' ').includes('createClient dashboard')));
    assert.deepEqual(loginOf(recipes, 'broker', 1883), { username: 'admin', password: 'dynsec-admin-demo' });
    for (const lab of labsWithCompose.filter((l) => l !== 'lab17')) assert.deepEqual(recipeRunOf(recipesOf(lab), composePlanOf(composeFileOf(lab), VARIABLES).services)?.preparation ?? [], [], lab);
  });
});

describe('a compose file the check stops on before it starts anything', () => {
  it('a port published on every interface', () => {
    assert.match(composePlanOf(broker('["1883:1883"]'), VARIABLES).problems.join(), /port 1883 is published on every interface, not 127.0.0.1 only/);
    assert.match(composePlanOf(broker('["0.0.0.0:1883:1883"]'), VARIABLES).problems.join(), /published on 0.0.0.0/);
    assert.match(composePlanOf(broker('[1883]'), VARIABLES).problems.join(), /publishes no fixed port/);
    assert.match(composePlanOf(broker('[{ target: 1883, published: 1883 }]'), VARIABLES).problems.join(), /every interface/);
  });

  it('a service without the project label', () => {
    const unlabelled = broker('["127.0.0.1:1883:1883"]').replace(/ {4}labels: .*\n/, '');
    assert.match(composePlanOf(unlabelled, VARIABLES).problems.join(), /broker: no label org.mqtt-labs.project: mqtt-labs/);
  });

  it('the long form on 127.0.0.1 is fine', () => {
    const plan = composePlanOf(broker('[{ target: 1883, published: 1884, host_ip: 127.0.0.1 }]'), VARIABLES);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.services[0].ports, [{ hostIp: '127.0.0.1', host: 1884, container: 1883 }]);
  });

  it('an image that is not a catalogue variable would be pulled from a registry', () => {
    const written = broker('["127.0.0.1:1883:1883"]').replace(/\$\{MOSQUITTO_IMAGE:\?set it\}/, 'eclipse-mosquitto:2');
    assert.match(composePlanOf(written, VARIABLES).problems.join(), /image "eclipse-mosquitto:2" is not/);
    assert.match(composePlanOf(broker('["127.0.0.1:1883:1883"]'), ['NGINX_IMAGE']).problems.join(), /no image of the catalogue .* is passed as MOSQUITTO_IMAGE/);
  });

  it('a port that leads to no listener of the configuration, or to a loopback-only one', () => {
    const port = { hostIp: '127.0.0.1', host: 1883, container: 1884 };
    const listener = { port: 1883, protocol: 'mqtt', tls: false, loopbackOnly: false, requireCertificate: false };
    assert.match(String(listenerBehind(port, 'mosquitto.conf', [listener])), /leads to port 1884 in the container, where mosquitto.conf has no listener \(its listeners: 1883\)/);
    assert.match(String(listenerBehind({ ...port, container: 1883 }, 'tls.conf', [{ ...listener, loopbackOnly: true }])), /inside the container only/);
    assert.equal(listenerBehind({ ...port, container: 1883 }, 'mosquitto.conf', [listener]), listener);
  });
});

describe('services that are not a lab broker', () => {
  const file = `services:
  haproxy:
    image: \${MOSQUITTO_IMAGE:?set it}
    labels: { org.mqtt-labs.project: mqtt-labs }
    ports: ["127.0.0.1:1883:1883", "127.0.0.1:8404:8404"]
    entrypoint: ["haproxy", "-W", "-db", "-f", "/lab/haproxy.cfg"]
  proxy:
    image: \${NGINX_IMAGE:?set it}
    labels:
      - org.mqtt-labs.project=mqtt-labs
      - org.mqtt-labs.compose-check=mqtts
    ports: ["127.0.0.1:1890:1883"]
  web:
    image: \${NGINX_IMAGE:?set it}
    labels: { org.mqtt-labs.project: mqtt-labs }
    ports: ["127.0.0.1:8080:80"]
`;
  it('a port to container port 1883 gets an MQTT CONNECT, another port a TCP answer, unless the label says otherwise', () => {
    const plan = composePlanOf(file, ['MOSQUITTO_IMAGE', 'NGINX_IMAGE']); // a made-up file with a made-up catalogue
    assert.deepEqual(plan.problems, []);
    const probes = plan.services.map((s) => [s.name, s.imageVariable, s.broker, ...s.ports.map((p) => probeOf(s, p))]);
    assert.deepEqual(probes, [
      ['haproxy', 'MOSQUITTO_IMAGE', false, 'mqtt', 'tcp'], // the broker image running HAProxy: not a broker of the lab
      ['proxy', 'NGINX_IMAGE', false, 'mqtts'],
      ['web', 'NGINX_IMAGE', false, 'tcp'],
    ]);
  });
});

describe('the login of the CONNECT check', () => {
  it("is the one the file's own lines use for that broker and port", () => {
    const lines = (lab: string) => linesRunHere(recipesOf(lab), composePlanOf(composeFileOf(lab), VARIABLES).services);
    assert.deepEqual(loginOf(lines('lab06'), 'broker', 1883), { username: 'dashboard', password: 'shows-everything' });
    assert.deepEqual(loginOf(lines('lab08'), 'broker', 1883), { username: 'operator', password: 'keeps-watch' });
    assert.equal(loginOf(lines('lab06'), 'broker', 8883), undefined);
    assert.equal(loginOf(lines('lab09'), 'leaf', 1883), undefined);
  });
});

describe('the lines the check runs', () => {
  const services = [{ name: 'broker', config: 'mosquitto.conf' }];
  it('skips lines refused on purpose and lines for another configuration', () => {
    const refused = line("docker compose exec broker mosquitto_sub -h localhost -u x -P wrong -t '#'", 'broker', 'refused: not authorised');
    const other = { ...line("docker compose exec broker mosquitto_sub -h localhost -t 'a/#'"), configs: ['other.conf'], forOwnService: false };
    const sub = line("docker compose exec broker mosquitto_sub -h localhost -t 'b/#' -v");
    const pub = line('docker compose exec broker mosquitto_pub -h localhost -t b/c -m "hello there"');
    const run = recipeRunOf([refused, other, pub, sub], services);
    assert.equal(run?.subscriber, sub);
    assert.equal(run?.publisher, pub);
    assert.equal(run?.payload, 'hello there');
  });

  it('runs the lines marked [compose:check] when the file marks some', () => {
    const sub = line("docker compose exec broker mosquitto_sub -h localhost -t 'b/#' -v");
    const pub = line('docker compose exec broker mosquitto_pub -h localhost -t b/c -m 1');
    const markedSub = line("docker compose exec broker mosquitto_sub -h localhost -t 'd/#' -v", 'broker', 'on this broker itself [compose:check]');
    const markedPub = line('docker compose exec broker mosquitto_pub -h localhost -t d/e -m 2', 'broker', 'the same broker [compose:check]');
    const run = recipeRunOf([sub, pub, markedSub, markedPub], services);
    assert.deepEqual([run?.subscriber, run?.publisher, run?.payload], [markedSub, markedPub, '2']);
  });

  it('runs them without a terminal, the subscriber line-buffered, with the bounds after the words as written', () => {
    const sub = line("docker compose exec -u mosquitto broker mosquitto_sub -h localhost -t '#'");
    assert.deepEqual(execArgumentsOf(sub, ['-C', '1'], true), ['exec', '-T', '-u', 'mosquitto', 'broker', 'stdbuf', '-oL', 'mosquitto_sub', '-h', 'localhost', '-t', '#', '-C', '1']);
  });
});

describe('the bridges the check waits for', () => {
  it("lab 9's leaf: one bridge, its state on the topic of its remote_clientid", () => {
    const bridges = bridgesOf(readFileSync(join(labDir('lab09'), 'leaf.conf'), 'utf8'));
    assert.deepEqual(bridges, [{ connection: 'hub', topic: '$SYS/broker/connection/leaf-berlin/state' }]);
    assert.ok(isStateOf(bridges[0], '$SYS/broker/connection/leaf-berlin/state'));
    assert.ok(!isStateOf(bridges[0], '$SYS/broker/connection/mesh-alpha-to-bravo/state'));
  });

  it('none with notifications false; the generated client id ends with the connection name', () => {
    assert.deepEqual(bridgesOf('connection hub\naddress hub:1883\nnotifications false\n'), []);
    const [bridge] = bridgesOf('connection hub\naddress hub:1883\n');
    assert.ok(isStateOf(bridge, '$SYS/broker/connection/3f2a1b.hub/state'));
  });
});

describe("the summaries' by-hand lines", () => {
  // A whole mosquitto_sub/mosquitto_pub line quoted in a summary (one with its -t) is one of the
  // compose file's lines, so the summary, `npm run broker` and compose:check show the same thing.
  const oneLine = (text: string) => text.replace(/\\\n#?/g, ' ').replace(/\s+/g, ' ');
  for (const lab of labsWithCompose) {
    it(`${lab}: every whole line its summary quotes is in its docker-compose.yml`, () => {
      const summary = readFileSync(join(PROJECT_ROOT, 'features', lab, 'summary.md'), 'utf8');
      const header = oneLine(headerCommentOf(lab));
      const quoted = [...summary.matchAll(/`[^`]*?(mosquitto_(?:sub|pub) [^`]*-t [^`]*)`/g)].map((m) => oneLine(m[1]));
      for (const line of quoted) assert.ok(header.includes(line), `features/${lab}/summary.md quotes "${line}", which brokers/${lab}/docker-compose.yml does not write`);
    });
  }
});
