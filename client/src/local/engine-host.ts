import type { LocalCredentials, RunnerMode } from "../../../engine/src";
import { loadEngine } from "../lazy";
import { AlreadyRunningError, spawnEngineProcess, type EngineProcess, type EngineProcessOptions } from "./engine-process";

export interface EngineHostSettings {
  /** Absolute path of the store folder. */
  store: string;
  runner: RunnerMode;
  /** Where relative paths of pipelines created without a folder tag resolve (the engine process's working folder). */
  baseDir: string;
  /** The jobs get the AWS credentials of the engine's environment. */
  passAwsCredentials?: boolean;
  /** false: host jobs run without network. */
  network?: boolean;
}

export interface RunningEngine {
  endpoint: string;
  store: string;
  pid: number;
  /** True when this host started the process (and stops it); false when it joined an engine already running on the store. */
  owned: boolean;
  /** The store's key pair, which the engine checks every request against: clients sign with it. */
  credentials: LocalCredentials;
}

interface Current {
  settings: EngineHostSettings;
  started: Promise<{ running: RunningEngine; process?: EngineProcess }>;
}

/**
 * The extension's local engine: one per store, in its own process. `start()` joins the engine already running on the
 * store (a `local serve`, another window's) or starts `dist/engine-serve.js` (`local serve` alone) as a child process; it is called when the
 * user runs something or chooses Start Local Engine, never on activation or on opening a file. `stop()` stops the child
 * (running executions are recorded as Stopped) or leaves an engine it joined.
 */
export class LocalEngineHost {
  private current?: Current;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly settings: () => EngineHostSettings,
    private readonly processOptions: EngineProcessOptions,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The store folder the engine uses (or would use). */
  storeFolder(): string {
    return this.settings().store;
  }

  get isRunning(): boolean {
    return this.current !== undefined;
  }

  /** Called when an engine starts or stops through this host. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The engine running on the store now (this host's, or another process's), without starting one. */
  async running(): Promise<RunningEngine | undefined> {
    const current = this.current && (await this.current.started.catch(() => undefined));
    if (current && this.current?.settings.store === this.settings().store && (await this.stillThere(current.running))) return current.running;
    const store = this.settings().store;
    const { findRunningEngine, loadOrCreateCredentials } = await loadEngine();
    const found = findRunningEngine(store);
    return found ? { ...found, store, owned: false, credentials: loadOrCreateCredentials(store) } : undefined;
  }

  /** The endpoint of the store's engine, starting it (or restarting it with new settings) first when needed. */
  async start(): Promise<RunningEngine> {
    const wanted = this.settings();
    if (this.current && !sameSettings(this.current.settings, wanted)) {
      this.log("The local engine's settings changed: restarting it.");
      await this.stop();
    }
    if (this.current) {
      const previous = await this.current.started.catch(() => undefined);
      if (previous && !(await this.stillThere(previous.running))) {
        this.log(`The local engine (pid ${previous.running.pid}) is gone: starting one.`);
        this.current = undefined;
      }
    }
    if (!this.current) {
      const started = this.launch(wanted);
      this.current = { settings: wanted, started };
      started.then(
        () => this.changed(),
        () => {
          if (this.current?.started === started) this.current = undefined;
        },
      );
    }
    return (await this.current.started).running;
  }

  /** `stopped`: this host's process ended; `left`: the engine it had joined keeps running; `none`: nothing was running. */
  async stop(): Promise<"stopped" | "left" | "none"> {
    const current = this.current;
    this.current = undefined;
    if (!current) return "none";
    const started = await current.started.catch(() => undefined);
    if (!started) return "none";
    let outcome: "stopped" | "left";
    if (started.process) {
      await started.process.stop();
      this.log("Local engine stopped.");
      outcome = "stopped";
    } else {
      this.log(`Left the local engine of pid ${started.running.pid} running (this window did not start it).`);
      outcome = "left";
    }
    this.changed();
    return outcome;
  }

  private async launch(settings: EngineHostSettings): Promise<{ running: RunningEngine; process?: EngineProcess }> {
    const { waitForRunningEngine, loadOrCreateCredentials } = await loadEngine();
    for (let attempt = 0; ; attempt++) {
      const existing = await waitForRunningEngine(settings.store);
      if (existing) {
        this.log(`Using the local engine already running on ${existing.endpoint} (pid ${existing.pid}, store ${settings.store}).`);
        return { running: { ...existing, store: settings.store, owned: false, credentials: loadOrCreateCredentials(settings.store) } };
      }
      try {
        const child = await spawnEngineProcess(this.processOptions, settings, this.log);
        this.log(`Local engine listening on ${child.endpoint} (pid ${child.pid}, store ${settings.store}, runner ${settings.runner}).`);
        void child.exited.then(() => {
          if (this.current?.settings === settings) this.changed();
        });
        const credentials = loadOrCreateCredentials(settings.store);
        return { running: { endpoint: child.endpoint, pid: child.pid, store: settings.store, owned: true, credentials }, process: child };
      } catch (error) {
        // Another process took the store between the look and the start: join it.
        if (!(error instanceof AlreadyRunningError) || attempt >= 2) throw error;
      }
    }
  }

  private async stillThere(running: RunningEngine): Promise<boolean> {
    const { findRunningEngine } = await loadEngine();
    return findRunningEngine(running.store)?.pid === running.pid;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

const sameSettings = (a: EngineHostSettings, b: EngineHostSettings) =>
  a.store === b.store && a.runner === b.runner && a.baseDir === b.baseDir && a.passAwsCredentials === b.passAwsCredentials && a.network === b.network;
