import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";

export interface EngineProcessOptions {
  /** The extension's engine process entry (dist/engine-serve.js: `local serve` alone). */
  enginePath: string;
  /** The Node.js that runs it: VS Code's own (process.execPath, with ELECTRON_RUN_AS_NODE=1) unless given. */
  execPath?: string;
}

export interface EngineProcess {
  endpoint: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** Asks the engine to stop (running executions are recorded as Stopped) and waits for the process to exit. */
  stop(): Promise<void>;
}

/** The engine process (like `local serve`) exits 1 with this when another engine already holds the store. */
export class AlreadyRunningError extends Error {}

const LISTENING = /listening on (http:\/\/\S+)/;

/**
 * `node dist/engine-serve.js --store S --port 0 --runner R` (the options of `local serve`) in the folder `cwd`: resolves once it prints its endpoint;
 * rejects with what it printed when it exits first (AlreadyRunningError when another engine holds the store).
 */
export function spawnEngineProcess(
  options: EngineProcessOptions,
  settings: { store: string; runner: string; baseDir: string; passAwsCredentials?: boolean; network?: boolean },
  log: (line: string) => void,
): Promise<EngineProcess> {
  // Without a workspace folder, the base is the extension's storage folder, which VS Code does not create for us.
  mkdirSync(settings.baseDir, { recursive: true });
  const child: ChildProcess = spawn(
    options.execPath ?? process.execPath,
    [
      options.enginePath,
      "--store",
      settings.store,
      "--port",
      "0",
      "--runner",
      settings.runner,
      ...(settings.passAwsCredentials ? ["--pass-aws-credentials"] : []),
      ...(settings.network === false ? ["--no-network"] : []),
    ],
    {
      cwd: settings.baseDir,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    },
  );
  const exited = new Promise<void>((done) => child.once("close", () => done()));
  let output = "";
  return new Promise<EngineProcess>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = LISTENING.exec(output);
      if (!match) return;
      child.stdout?.off("data", onData);
      child.stdout?.on("data", (more: Buffer) => log(more.toString("utf8").trimEnd()));
      resolve({ endpoint: match[1], pid: child.pid!, exited, stop: () => stopProcess(child, exited) });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      log(chunk.toString("utf8").trimEnd());
    });
    child.once("error", reject);
    child.once("close", (code) => {
      const text = output.trim() || `exit status ${code}`;
      reject(/already running/i.test(text) ? new AlreadyRunningError(text) : new Error(`the local engine process exited: ${text}`));
    });
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), 15_000)));
  if ((await Promise.race([exited, forced])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
  clearTimeout(timer);
}
