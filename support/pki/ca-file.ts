/**
 * The lab CA's certificate as a file, for a learner app that reads CA_FILE (a built app runs as
 * a separate process, with settings a learner would give it). The scenarios make their
 * certificates in memory (lab-pki.ts); this writes the CA's public certificate to a folder of
 * its own, removed when the scenario ends.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labPki } from './pki';
import { LabWorld } from '../world/world';

export function labCaFile(world: LabWorld): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-labs-ca-'));
  // After the apps that read it have stopped.
  world.onTeardown('clients', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'ca.pem');
  writeFileSync(file, labPki().ca.cert);
  return file;
}
