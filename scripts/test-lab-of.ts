// `ts-node scripts/test-lab-of.ts <any file of a lab> [runner options]`: runs that lab
// (`npm test -- features/labNN`). For editors: VS Code's "run the lab of the open file" task
// passes the open file, which may be a feature, a broker file under brokers/labNN/ or lab code
// under labs/labNN/. The runner runs in this same process: one Node start, not two.
import { resolveLab, UsageError } from './lab-folders';
import { runLabs } from './run-labs';

let lab: string;
try {
  lab = resolveLab(process.argv[2]);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message} Open a file of a lab (features/labNN/..., brokers/labNN/..., labs/labNN/...) and run the task again.`);
  process.exit(2);
}
void runLabs([`features/${lab}`, ...process.argv.slice(3)]);
