/**
 * A failed scenario gets each app's output in the report, beside the broker logs and the packet
 * traces: every line it printed, with its time, and how it ended.
 */
import { After, Status } from '@cucumber/cucumber';
import { LabWorld } from '../world/world';
import { startedApps } from './lab-apps';

// Whether this runs before or after the World's teardown (hook order follows file names), the
// output is complete enough: after it, it also ends with how the app left.
After(function (this: LabWorld, { result }) {
  if (result?.status !== Status.FAILED) return;
  for (const app of startedApps(this)) {
    this.attach(app.describe(), { mediaType: 'text/plain', fileName: `output of ${app.name}.txt` });
  }
});
