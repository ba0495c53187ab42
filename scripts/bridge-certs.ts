// The second part of `npm run certs`: lab 9's TLS bridge by hand (`npm run broker -- lab09
// secure-hub.conf`, tls-leaf.conf): the lab CA the leaf's `bridge_cafile` trusts, and the hub's
// certificate for the name the leaf dials, `hub` (the compose service, and the leaf's `address`).
import { writeLabCertificates } from './lab-certs';

writeLabCertificates('lab09', 'hub', 'hub');
