/**
 * The lab 13 certificates are made once per worker process, by the first scenario tagged @tls
 * (a dozen certificates; the report of that scenario says how long it took).
 */
import { Before } from '@cucumber/cucumber';
import { labPki } from './pki';
import { LabWorld } from '../world/world';

let generationReported = false;

Before({ tags: '@tls' }, function (this: LabWorld) {
  const pki = labPki();
  if (!generationReported) {
    generationReported = true;
    this.log(`Lab PKI (2 CAs, 3 server and 4 device certificates) made in ${pki.generationMs} ms`);
  }
});
