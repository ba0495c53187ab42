// Merges the cucumber message streams of several runs (the shards of one CI run: scripts/
// run-shard.ts) into the stream of one run, from which cucumber's own formatters write one HTML
// report and one junit.xml (scripts/merge-reports.ts). Every run carries the features it loaded
// (source, gherkinDocument) with ids of its own, and a testRunStarted/testRunFinished; the
// merged stream has each feature once, one run from the first start to the last end, and every
// scenario of every run with its steps and attachments. The ids of a later run's copy of a
// feature are renamed to the first copy's ids (the copies are the same file, so the same tree),
// and so are its references to them and to its testRunStarted. Every run also lists every
// scenario of the features it loaded (a pickle), run or not: each is kept once, and a later
// run's test cases point at the first copy.
import type { Envelope, GherkinDocument, Pickle, Source, Timestamp } from '@cucumber/messages';

export class MergeError extends Error {}

type Ids = Map<string, string>;

const seconds = (t: Timestamp) => Number(t.seconds) + t.nanos / 1e9;

/** Walks two equal trees side by side: every `id` of the copy -> the id at the same place in the first. */
function collectIds(first: unknown, copy: unknown, ids: Ids): void {
  if (Array.isArray(first) && Array.isArray(copy)) first.forEach((item, i) => collectIds(item, copy[i], ids));
  else if (first && copy && typeof first === 'object' && typeof copy === 'object') {
    for (const [key, value] of Object.entries(first)) {
      const other = (copy as Record<string, unknown>)[key];
      if (key === 'id' && typeof value === 'string' && typeof other === 'string') ids.set(other, value);
      else collectIds(value, other, ids);
    }
  }
}

/** A copy of the envelope with every id of the map renamed (ids are uuids: no text is mistaken for one). */
function renamed<T>(value: T, ids: Ids): T {
  if (ids.size === 0) return value;
  if (typeof value === 'string') return (ids.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v) => renamed(v, ids)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, ids)])) as T;
  return value;
}

/** What each run's feature files were, by uri: the first run's copy, and its source text. */
interface Features {
  source: Map<string, Source>;
  document: Map<string, GherkinDocument>;
  /** By uri and the ids of its scenario (and Examples row) in the first copy of the feature. */
  pickle: Map<string, Pickle>;
}

/** The merged stream of several runs' envelopes (each in the order its run wrote it). */
export function mergeRuns(runs: Envelope[][]): Envelope[] {
  if (runs.length === 0) throw new MergeError('No runs to merge.');
  const features: Features = { source: new Map(), document: new Map(), pickle: new Map() };
  const definitions: Envelope[] = []; // features, pickles, step definitions, hooks: before the run starts
  const execution: Envelope[] = []; // test cases, steps, attachments: after it started
  let started: Envelope['testRunStarted'];
  let finished: Envelope['testRunFinished'];
  let meta: Envelope | undefined;
  for (const [n, run] of runs.entries()) {
    const ids: Ids = new Map();
    const runStarted = run.find((e) => e.testRunStarted)?.testRunStarted;
    const runFinished = run.find((e) => e.testRunFinished)?.testRunFinished;
    if (!runStarted || !runFinished) throw new MergeError(`Run ${n + 1} of ${runs.length} has no ${runStarted ? 'testRunFinished' : 'testRunStarted'}: it did not end (a killed job?); its scenarios would be missing or half-told.`);
    if (!started) started = { ...runStarted };
    else {
      if (runStarted.id && started.id) ids.set(runStarted.id, started.id);
      if (seconds(runStarted.timestamp) < seconds(started.timestamp)) started.timestamp = runStarted.timestamp;
    }
    finished = !finished
      ? { ...runFinished }
      : {
          ...finished,
          success: finished.success && runFinished.success,
          timestamp: seconds(runFinished.timestamp) > seconds(finished.timestamp) ? runFinished.timestamp : finished.timestamp,
          exception: finished.exception ?? runFinished.exception,
        };
    let afterStart = false;
    for (const envelope of run) {
      if (envelope.meta) meta ??= envelope;
      else if (envelope.testRunStarted) afterStart = true;
      else if (envelope.testRunFinished) continue;
      else if (envelope.source) {
        const first = features.source.get(envelope.source.uri);
        if (!first) {
          features.source.set(envelope.source.uri, envelope.source);
          definitions.push(envelope);
        } else if (first.data !== envelope.source.data) throw new MergeError(`${envelope.source.uri} differs between the runs: merge the reports of one commit's runs.`);
      } else if (envelope.gherkinDocument?.uri) {
        const first = features.document.get(envelope.gherkinDocument.uri);
        if (!first) {
          features.document.set(envelope.gherkinDocument.uri, envelope.gherkinDocument);
          definitions.push(envelope);
        } else collectIds(first, envelope.gherkinDocument, ids);
      } else if (envelope.pickle) {
        const pickle = renamed(envelope.pickle, ids);
        const key = `${pickle.uri} ${pickle.astNodeIds.join(' ')}`;
        const first = features.pickle.get(key);
        if (!first) {
          features.pickle.set(key, pickle);
          definitions.push({ pickle });
        } else collectIds(first, pickle, ids);
      } else (afterStart ? execution : definitions).push(renamed(envelope, ids));
    }
  }
  finished!.testRunStartedId = started!.id;
  return [...(meta ? [meta] : []), ...definitions, { testRunStarted: started }, ...execution, { testRunFinished: finished }];
}
