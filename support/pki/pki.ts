/**
 * The scenarios' lab 13 public key infrastructure: one set per worker process, made on first
 * use; the scenarios read it, none changes it. The certificates themselves are made by the lab
 * code (labs/lab13/lab-pki.ts), which `npm run certs` uses too: support/ may import labs/, never
 * the reverse, so a learner can copy labs/lab13 alone.
 */
import { LabPki, makeLabPki } from '../../labs/lab13/lab-pki';

export type { Credential, DeviceName, LabPki } from '../../labs/lab13/lab-pki';
export { DEVICE_NAMES, makeLabPki, OTHER_HOST_NAME, SERVER_NAME } from '../../labs/lab13/lab-pki';

let shared: LabPki | undefined;

/** The worker's set, made on first use. */
export function labPki(): LabPki {
  shared ??= makeLabPki();
  return shared;
}
