import type { LocalEngine, RunnerMode } from "../../../engine/src";
import { loadEngine } from "../lazy";

export interface EngineHostSettings {
  /** Absolute path of the store folder. */
  store: string;
  runner: RunnerMode;
  /** Where relative paths of pipelines created without a folder tag resolve. */
  baseDir: string;
  /** The jobs get the AWS credentials of the engine's environment. */
  passAwsCredentials?: boolean;
  /** false: host jobs run without network. */
  network?: boolean;
}

export interface RunningEngine {
  endpoint: string;
  store: string;
}

/**
 * The extension's local engine, in the extension host's process: started on the first request for its endpoint,
 * restarted when its settings change, stopped on `stop()` (deactivate). Running executions are recorded as Stopped.
 */
export class LocalEngineHost {
  private current?: { settings: EngineHostSettings; started: Promise<{ engine: LocalEngine; endpoint: string }> };

  constructor(
    private readonly settings: () => EngineHostSettings,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The store folder the engine uses (or would use). */
  storeFolder(): string {
    return this.settings().store;
  }

  get isRunning(): boolean {
    return this.current !== undefined;
  }

  /** The endpoint of the running engine, starting it (or restarting it with new settings) first when needed. */
  async start(): Promise<RunningEngine> {
    const wanted = this.settings();
    if (this.current && !sameSettings(this.current.settings, wanted)) {
      this.log("The local engine's settings changed: restarting it.");
      await this.stop();
    }
    if (!this.current) {
      const started = this.launch(wanted);
      this.current = { settings: wanted, started };
      started.catch(() => {
        if (this.current?.started === started) this.current = undefined;
      });
    }
    const { endpoint } = await this.current.started;
    return { endpoint, store: this.current.settings.store };
  }

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    const running = await current.started.catch(() => undefined);
    if (!running) return;
    await running.engine.close();
    this.log("Local engine stopped.");
  }

  private async launch(settings: EngineHostSettings): Promise<{ engine: LocalEngine; endpoint: string }> {
    // The engine's code is loaded here, when it first starts: never at activation.
    const { LocalEngine, createStepRunner } = await loadEngine();
    const runner = createStepRunner({ mode: settings.runner, passAwsCredentials: settings.passAwsCredentials, network: settings.network });
    const engine = new LocalEngine({ root: settings.store, runner, baseDir: settings.baseDir });
    const endpoint = await engine.listen();
    this.log(`Local engine listening on ${endpoint} (store ${settings.store}, runner ${settings.runner}).`);
    return { engine, endpoint };
  }
}

const sameSettings = (a: EngineHostSettings, b: EngineHostSettings) =>
  a.store === b.store && a.runner === b.runner && a.baseDir === b.baseDir && a.passAwsCredentials === b.passAwsCredentials && a.network === b.network;
