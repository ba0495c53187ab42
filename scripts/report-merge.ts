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

/** A run's start and end; a run without both did not end, and is refused. */
function endsOf(run: Envelope[], n: number, total: number) {
  const started = run.find((e) => e.testRunStarted)?.testRunStarted;
  const finished = run.find((e) => e.testRunFinished)?.testRunFinished;
  if (!started || !finished) throw new MergeError(`Run ${n + 1} of ${total} has no ${started ? 'testRunFinished' : 'testRunStarted'}: it did not end (a killed job?); its scenarios would be missing or half-told.`);
  return { started, finished };
}

/** One run from the first start to the last end, failed if any run failed. */
function mergedEnds(ends: ReturnType<typeof endsOf>[]): Required<Pick<Envelope, 'testRunStarted' | 'testRunFinished'>> {
  const earliest = ends.reduce((a, b) => (seconds(b.started.timestamp) < seconds(a.started.timestamp) ? b : a));
  const latest = ends.reduce((a, b) => (seconds(b.finished.timestamp) > seconds(a.finished.timestamp) ? b : a));
  return {
    testRunStarted: { ...ends[0].started, timestamp: earliest.started.timestamp },
    testRunFinished: {
      testRunStartedId: ends[0].started.id,
      timestamp: latest.finished.timestamp,
      success: ends.every((e) => e.finished.success),
      exception: ends.find((e) => e.finished.exception)?.finished.exception,
    },
  };
}

/**
 * The first copy of every feature file (source, gherkinDocument) and of every scenario (pickle,
 * by uri and the ids of its scenario and Examples row in the first copy of the feature).
 */
class FirstCopies {
  private readonly sources = new Map<string, Source>();
  private readonly documents = new Map<string, GherkinDocument>();
  private readonly pickles = new Map<string, Pickle>();

  /** The envelope to keep, or undefined for a copy (whose ids then go into `ids`, renamed to the first's). */
  keep(envelope: Envelope, ids: Ids): Envelope | undefined {
    if (envelope.source) {
      const first = this.sources.get(envelope.source.uri);
      if (first && first.data !== envelope.source.data) throw new MergeError(`${envelope.source.uri} differs between the runs: merge the reports of one commit's runs.`);
      if (first) return undefined;
      this.sources.set(envelope.source.uri, envelope.source);
    } else if (envelope.gherkinDocument?.uri) {
      const first = this.documents.get(envelope.gherkinDocument.uri);
      if (first) return void collectIds(first, envelope.gherkinDocument, ids);
      this.documents.set(envelope.gherkinDocument.uri, envelope.gherkinDocument);
    } else if (envelope.pickle) {
      const pickle = renamed(envelope.pickle, ids);
      const key = `${pickle.uri} ${pickle.astNodeIds.join(' ')}`;
      const first = this.pickles.get(key);
      if (first) return void collectIds(first, pickle, ids);
      this.pickles.set(key, pickle);
      return { pickle };
    } else return renamed(envelope, ids);
    return envelope;
  }
}

/** The merged stream of several runs' envelopes (each in the order its run wrote it). */
export function mergeRuns(runs: Envelope[][]): Envelope[] {
  if (runs.length === 0) throw new MergeError('No runs to merge.');
  const ends = runs.map((run, n) => endsOf(run, n, runs.length));
  const { testRunStarted, testRunFinished } = mergedEnds(ends);
  const firstCopies = new FirstCopies();
  const definitions: Envelope[] = []; // features, pickles, step definitions, hooks: before the run starts
  const execution: Envelope[] = []; // test cases, steps, attachments: after it started
  for (const [n, run] of runs.entries()) {
    // A later run's ids that name what the merged stream already has under another id.
    const ids: Ids = new Map();
    if (ends[n].started.id && testRunStarted.id) ids.set(ends[n].started.id!, testRunStarted.id);
    let afterStart = false;
    for (const envelope of run) {
      if (envelope.meta && n > 0) continue;
      if (envelope.testRunStarted) afterStart = true;
      if (envelope.testRunStarted || envelope.testRunFinished) continue;
      const kept = firstCopies.keep(envelope, ids);
      if (kept) (afterStart ? execution : definitions).push(kept);
    }
  }
  return [...definitions, { testRunStarted }, ...execution, { testRunFinished }];
}
