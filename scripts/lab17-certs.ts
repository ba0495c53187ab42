// The third part of `npm run certs`: lab 17's TLS listener by hand (`npm run broker -- lab17
// dynamic-security-tls.conf`): the lab CA a device trusts (CA_FILE, --cafile) and the broker's
// certificate for "localhost", where a learner's device connects.
import { writeLabCertificates } from './lab-certs';

writeLabCertificates('lab17', 'localhost', 'server');
