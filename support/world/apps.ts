/**
 * The learner apps a scenario runs (a built program in a child process, ...), by the name the
 * feature gives them. Each is stopped in the 'apps' phase of the teardown (see teardown.ts),
 * before the pages, clients and brokers it talks to go.
 */
import type { TeardownStack } from './teardown';

/** What the World needs of a running app: its name, and a way to stop it leaving nothing behind. */
export interface RunningApp {
  readonly name: string;
  /** Stops the app (kills it if it must); called once, when the scenario ends. */
  stop(): void | Promise<unknown>;
  /** What it printed and how it ended, for a failed scenario's report. */
  describe?(): string;
}

export class ScenarioApps {
  private readonly running = new Map<string, RunningApp>();

  constructor(private readonly teardown: TeardownStack) {}

  /** Adds a started app to the scenario; it is stopped when the scenario ends. */
  add<App extends RunningApp>(app: App): App {
    if (this.running.has(app.name)) throw new Error(`This scenario already runs an app called "${app.name}"`);
    this.running.set(app.name, app);
    this.teardown.add('apps', () => app.stop());
    return app;
  }

  /** The app the scenario started under `name`. */
  get<App extends RunningApp = RunningApp>(name: string): App {
    const app = this.running.get(name);
    if (!app) throw new Error(`The scenario runs no app called "${name}"`);
    return app as App;
  }

  has(name: string): boolean {
    return this.running.has(name);
  }

  values(): IterableIterator<RunningApp> {
    return this.running.values();
  }
}
