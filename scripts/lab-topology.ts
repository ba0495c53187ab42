// The brokers a lab's docker-compose.yml defines, read for `npm run broker` (scripts/broker.ts),
// which starts them with the docker CLI alone, as Compose would; and the comment at the top of
// the file, where the lab's by-hand recipes are written (scripts/recipes.ts).
//
// Read with the `yaml` package, not by hand: a compose file is YAML (flow lists, quoted and
// unquoted strings, long and short port forms), and a reader of one indentation style breaks on
// the first file written another way. The library also keeps the comments, which carry the recipes.
import { resolve } from 'node:path';
import { Document, isMap, parseDocument } from 'yaml';
import { composeFileOf, labDir, UsageError } from './lab-folders';

export interface Port {
  host: number;
  container: number;
}

/** A file Compose mounts besides the lab's folder (lab 11's page): copied into the container by npm run broker. */
export interface ExtraFile {
  source: string;
  target: string;
}

export interface Service {
  name: string;
  /** The .conf of its command: ["sh", "/lab-broker-start.sh", "<config>"]. */
  config: string | undefined;
  ports: Port[];
  dependsOn: string[];
  extraFiles: ExtraFile[];
  /**
   * A service that is not a broker but a load balancer (lab 15): the program its `entrypoint`
   * runs (haproxy or nginx) and the lab file it runs on (haproxy.cfg, nginx.conf).
   */
  balancer?: { program: 'haproxy' | 'nginx'; config: string };
  /** A service that runs a built learner app under node (lab 18's auth service): its settings' env_file. */
  nodeApp?: { envFile: string };
}

/** The parts of a compose service this reads; Compose alone uses the rest (image, labels). */
interface ComposeService {
  command?: string | string[];
  entrypoint?: string | string[];
  env_file?: string | string[];
  ports?: (string | { published: number | string; target: number | string })[];
  depends_on?: string[] | Record<string, unknown>;
  volumes?: (string | { source: string; target: string })[];
}

function composeDocumentOf(lab: string): Document {
  const document = parseDocument(composeFileOf(lab));
  if (document.errors.length) throw new UsageError(`brokers/${lab}/docker-compose.yml is not valid YAML: ${document.errors[0].message}`);
  return document;
}

/** "127.0.0.1:1884:1883", "1884:1883" or { published, target } (the long form). */
function portOf(port: NonNullable<ComposeService['ports']>[number]): Port {
  if (typeof port === 'object') return { host: Number(port.published), container: Number(port.target) };
  const [host, container] = port.split(':').slice(-2).map(Number);
  return { host, container };
}

/** Mounts besides the lab's folder and the start script, with the source resolved from the lab's folder. */
function extraFilesOf(lab: string, volumes: ComposeService['volumes'] = []): ExtraFile[] {
  return volumes
    .map((volume) => (typeof volume === 'object' ? [volume.source, volume.target] : volume.split(':')))
    .filter(([source, target]) => source !== './' && target !== '/lab' && target !== '/lab-broker-start.sh')
    .map(([source, target]) => ({ source: resolve(labDir(lab), source), target }));
}

const wordsOf = (line: string | string[] | undefined): string[] => (typeof line === 'string' ? line.split(/\s+/) : (line ?? []));

/** `entrypoint: ["haproxy", ..., "/lab/haproxy.cfg"]` or `["nginx", "-c", "/lab/nginx.conf"]`: a load balancer on a lab file. */
function balancerOf(entrypoint: string[]): Service['balancer'] {
  const program = entrypoint[0];
  const file = entrypoint.find((word) => /^\/lab\/[\w.-]+\.(cfg|conf)$/.test(word));
  return (program === 'haproxy' || program === 'nginx') && file ? { program, config: file.slice('/lab/'.length) } : undefined;
}

function serviceOf(lab: string, name: string, service: ComposeService): Service {
  const command = wordsOf(service.command);
  const dependsOn = service.depends_on ?? [];
  return {
    name,
    config: command.find((word) => word.endsWith('.conf')),
    ports: (service.ports ?? []).map(portOf),
    dependsOn: Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn),
    extraFiles: extraFilesOf(lab, service.volumes),
    balancer: balancerOf(wordsOf(service.entrypoint)),
    nodeApp: command[0] === 'node' && service.env_file ? { envFile: wordsOf(service.env_file)[0] } : undefined,
  };
}

/** Every service of the lab's docker-compose.yml, in file order; none when the lab has no such file. */
export function servicesOf(lab: string): Service[] {
  const compose = composeDocumentOf(lab).toJS() as { services?: Record<string, ComposeService> } | null;
  return Object.entries(compose?.services ?? {}).map(([name, service]) => serviceOf(lab, name, service));
}

/**
 * The comment at the top of the lab's docker-compose.yml, without its `#` marks. The library
 * attaches it to the document, or to the first key when no blank line separates them.
 */
export function headerCommentOf(lab: string): string {
  const document = composeDocumentOf(lab);
  const firstKey = isMap(document.contents) ? (document.contents.items[0]?.key as { commentBefore?: string } | undefined) : undefined;
  return [document.commentBefore, firstKey?.commentBefore].filter(Boolean).join('\n');
}

/** The services in start order: each after the ones it depends on, otherwise in file order. */
export function startOrder(services: Service[]): Service[] {
  const ordered: Service[] = [];
  const visit = (service: Service, path: string[] = []): void => {
    if (ordered.includes(service)) return;
    if (path.includes(service.name)) throw new UsageError(`depends_on goes round in a circle: ${[...path, service.name].join(' -> ')}`);
    for (const dependency of service.dependsOn) {
      const other = services.find((s) => s.name === dependency);
      if (!other) throw new UsageError(`${service.name} depends on ${dependency}, which the compose file does not define.`);
      visit(other, [...path, service.name]);
    }
    ordered.push(service);
  };
  services.forEach((service) => visit(service));
  return ordered;
}
