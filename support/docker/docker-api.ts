/**
 * The Docker Engine API client the support code uses (dockerode, which testcontainers uses
 * too). Loading testcontainers costs most of a second at every start of a run; the default
 * path needs only dockerode, so testcontainers is loaded only where Docker must be found in a
 * less usual place (no DOCKER_HOST and no /var/run/docker.sock: a Docker Desktop context).
 */
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';

let client: Promise<Dockerode> | undefined;

export function dockerApi(): Promise<Dockerode> {
  client ??= (async () => {
    if (process.env.DOCKER_HOST || existsSync('/var/run/docker.sock')) return new Dockerode();
    const { getContainerRuntimeClient } = require('testcontainers') as typeof import('testcontainers');
    return (await getContainerRuntimeClient()).container.dockerode;
  })();
  return client;
}

/** Runs a command in a running container; resolves with its output and exit code. */
export async function execIn(container: Dockerode.Container, command: string[], user?: string): Promise<{ output: string; exitCode: number }> {
  const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true, ...(user ? { User: user } : {}) });
  const stream = await exec.start({ hijack: true, stdin: false });
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  container.modem.demuxStream(stream, output, output);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { output: Buffer.concat(chunks).toString(), exitCode: ExitCode ?? -1 };
}
