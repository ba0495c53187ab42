// The runner's own options, read with node:util parseArgs (part of Node: nothing to install,
// and it reads `--image x` and `--image=x` alike in every shell). Everything else on the command
// line (lab paths, `file.feature:LINE`, cucumber's own options such as `--tags @mqtt5`) is left,
// in its order, for cucumber's own parser (scripts/run-selection.ts).
import { parseArgs } from 'node:util';

export interface RunnerOptions {
  /** `--plain`: one worker, a new container per broker (the benchmark's baseline). */
  plain?: boolean;
  /** `--break-it lab03/upgrade-qos`: run the lab on broken broker files, judge what fails. */
  breakIt?: string;
  /** `--image eclipse-mosquitto:2.0.22`: the broker image instead of the one `npm run setup` built. */
  image?: string;
  /** `--mosquitto 2.0.11`: run on the catalogue's broker image of that Mosquitto version. */
  mosquitto?: string;
  /** `--version-tagged`: only the scenarios with a Mosquitto version tag (@mosquitto>=2.0.12). */
  versionTagged?: boolean;
  /** `--no-diagrams`: the report shows no sequence diagrams (faster for big runs). */
  noDiagrams?: boolean;
  /** `--stack`: a failure shows the stack trace into the support code too. */
  stack?: boolean;
  /** `--chromium PATH`: the browser the browser scenarios drive, when not at its usual place. */
  chromium?: string;
  /** `--report-dir reports/bench/plain`: the reports go there (for `npm run bench`). */
  reportDir?: string;
  /** `--timings file.ndjson`: record every broker start there (for `npm run bench`). */
  timings?: string;
  /** `--shard 2/4`: run the second of four parts of the selection (for CI jobs: scripts/run-shard.ts). */
  shard?: string;
}

const RUNNER_OPTIONS = {
  plain: { type: 'boolean' },
  'break-it': { type: 'string' },
  image: { type: 'string' },
  mosquitto: { type: 'string' },
  'version-tagged': { type: 'boolean' },
  'no-diagrams': { type: 'boolean' },
  stack: { type: 'boolean' },
  chromium: { type: 'string' },
  'report-dir': { type: 'string' },
  timings: { type: 'string' },
  shard: { type: 'string' },
} as const;

/** The runner's options, and the arguments that are cucumber's, in the order they were given. */
export function readCommandLine(args: string[]): { options: RunnerOptions; cucumberArgs: string[] } {
  // strict: false lets cucumber's options through; tokens say which arguments were ours.
  const { values, tokens } = parseArgs({ args, options: RUNNER_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const ours = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in RUNNER_OPTIONS)) continue;
    ours.add(token.index);
    // `--image x` took the next argument as its value; `--image=x` did not.
    if (token.value !== undefined && !token.inlineValue) ours.add(token.index + 1);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    options: {
      plain: values.plain === true,
      breakIt: text(values['break-it']),
      image: text(values.image),
      mosquitto: text(values.mosquitto),
      versionTagged: values['version-tagged'] === true,
      noDiagrams: values['no-diagrams'] === true,
      stack: values.stack === true,
      chromium: text(values.chromium),
      reportDir: text(values['report-dir']),
      timings: text(values.timings),
      shard: text(values.shard),
    },
    cucumberArgs: args.filter((_, index) => !ours.has(index)),
  };
}
