// The brokers a lab's docker-compose.yml defines, read for `npm run broker` (scripts/broker.js),
// which starts them with the docker CLI alone, as Compose would.
//
// No YAML library: the labs' compose files all have one shape (brokers/lab09/docker-compose.yml),
//   services:
//     <name>:
//       depends_on: [a, b]                 (or a list of "- a" lines)
//       ports:
//         - "127.0.0.1:1884:1883"           host port 1884, the container's 1883
//       volumes:
//         - ./:/lab:ro                       the lab's folder (copied in by npm run broker)
//         - ../../labs/lab11/index.html:/lab-www/index.html:ro    extra files, copied in too
//       command: ["sh", "/lab-broker-start.sh", "leaf.conf"]
// and this reads exactly that: two-space indented service names, four-space keys, six-space
// list items. Anything else in the file (image, labels, comments) is Compose's alone.
'use strict';
const { resolve } = require('node:path');
const lab = require('./lab-folders');

const unquote = (text) => text.trim().replace(/^["']|["']$/g, '');

/** Every service: { name, config, ports: [{ host, container }], dependsOn, extraFiles: [{ source, target }] }. */
function servicesOf(labName) {
  const services = [];
  let inServices = false;
  let service;
  let key;
  for (const raw of lab.composeFileOf(labName).split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\S/.test(line)) {
      inServices = line === 'services:';
      continue;
    }
    if (!inServices) continue;
    const name = /^ {2}([\w.-]+):$/.exec(line);
    const entry = /^ {4}([\w.-]+):\s*(.*)$/.exec(line);
    const item = /^ {6}- (.*)$/.exec(line);
    if (name) services.push((service = { name: name[1], values: {} }));
    else if (entry && service) {
      key = entry[1];
      const inline = /^\[(.*)\]$/.exec(entry[2]);
      service.values[key] = inline ? inline[1].split(',').map(unquote).filter(Boolean) : entry[2] ? unquote(entry[2]) : [];
    } else if (item && service && Array.isArray(service.values[key])) service.values[key].push(unquote(item[1]));
  }
  return services.map(({ name, values }) => {
    const volumes = values.volumes ?? [];
    return {
      name,
      // command: ["sh", "/lab-broker-start.sh", "<config>"]
      config: [].concat(values.command ?? []).find((word) => word.endsWith('.conf')),
      ports: (values.ports ?? []).map((port) => {
        const [host, container] = port.split(':').slice(-2).map(Number);
        return { host, container };
      }),
      dependsOn: values.depends_on ?? [],
      // Mounts besides the lab's folder and the start script: [source, target] relative to the lab.
      extraFiles: volumes
        .map((volume) => volume.split(':'))
        .filter(([source, target]) => source !== './' && target !== '/lab' && target !== '/lab-broker-start.sh')
        .map(([source, target]) => ({ source: resolve(lab.labDir(labName), source), target })),
    };
  });
}

/** The services in start order: each after the ones it depends on, otherwise in file order. */
function startOrder(services) {
  const ordered = [];
  const visit = (service, path = []) => {
    if (ordered.includes(service)) return;
    if (path.includes(service.name)) throw new lab.UsageError(`depends_on goes round in a circle: ${[...path, service.name].join(' -> ')}`);
    for (const dependency of service.dependsOn) {
      const other = services.find((s) => s.name === dependency);
      if (!other) throw new lab.UsageError(`${service.name} depends on ${dependency}, which the compose file does not define.`);
      visit(other, [...path, service.name]);
    }
    ordered.push(service);
  };
  services.forEach((service) => visit(service));
  return ordered;
}

module.exports = { servicesOf, startOrder };
