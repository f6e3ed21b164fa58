import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { allowedVariables } from "./environment";
import { hostPath, OPT_ML, rewriteContainerPaths } from "./container-paths";
import { findOptMlReference } from "./opt-ml-guard";
import { imageToolRefusal, withHint, wrapperHint } from "./sdk-wrappers";
import { installPythonGuard } from "./python-guard";
import type { ProcessExecutor, ProcessSpec } from "./process-spec";
import { StepJobError, type StepJob } from "./runner";
import { bwrapArguments, noSandboxReason, programFoldersUnderTmp, SANDBOX_TMP } from "./sandbox";
import { commandLine, spawnLogged } from "./spawn-process";

export interface HostExecutorOptions {
  /** The engine's environment: PATH (finds `python3`) and the other allowed variables come from here. */
  env: NodeJS.ProcessEnv;
  killGraceMs: number;
  /** The `bwrap` binary when the sandbox works here; undefined: the fallback (paths mapped, /opt/ml in code refused). */
  sandbox?: string;
  /** AWS credentials from `env` reach the job (default false). */
  passAwsCredentials?: boolean;
  /** false: no network in the sandbox (default true). */
  network?: boolean;
  /** Why there is no sandbox (for messages). */
  noSandboxReason?: string;
}

/**
 * Runs the work as a process on this machine. In the sandbox (Linux, bubblewrap) the job's `<workDir>/opt/ml` IS
 * /opt/ml and the rest of the file system is read-only. Without it, `/opt/ml/...` in the entrypoint, the arguments
 * and the environment values becomes `<workDir>/opt/ml/...`, and a job whose code names /opt/ml is refused.
 * Either way the process gets an allow-listed environment, a private HOME and TMPDIR. The image is not used.
 */
export class HostExecutor implements ProcessExecutor {
  readonly kind = "host";

  constructor(private readonly options: HostExecutorOptions) {}

  readonly name = "host process";

  describe(): string {
    return "host process";
  }

  /** Without the opt-in, the user's AWS files are not readable in the sandbox either. */
  private hiddenFolders(): string[] {
    if (this.options.passAwsCredentials) return [];
    return [join(this.options.env.HOME ?? homedir(), ".aws")];
  }

  async run(job: StepJob, spec: ProcessSpec): Promise<void> {
    if (!spec.entrypoint || spec.entrypoint.length === 0) {
      throw new StepJobError(
        spec.missingEntrypoint ??
          `The job has no entrypoint: the host runner cannot run the image's own entrypoint (${spec.image ?? "no image"}); set a ContainerEntrypoint or run with a container runtime.`,
      );
    }
    const optMl = join(job.workDir, ...OPT_ML.split("/").filter(Boolean));
    const tmp = join(job.workDir, "tmp");
    mkdirSync(join(tmp, "home"), { recursive: true, mode: 0o700 });
    const cwd = spec.cwd ?? OPT_ML;
    mkdirSync(hostPath(job.workDir, cwd, "working directory"), { recursive: true });
    if (spec.networkIsolation) job.log("Note: EnableNetworkIsolation is enforced only by the container runner (the sandbox's network follows the settings).");
    const sandbox = this.options.sandbox;
    if (!sandbox && this.options.network === false) job.log("Note: the network cannot be turned off without the sandbox (bubblewrap).");
    // In the sandbox paths stay container paths; without it they are mapped into the job's folder.
    const map = (value: string) => (sandbox ? value : rewriteContainerPaths(job.workDir, value));
    const argv = [...spec.entrypoint, ...spec.args].map(map);
    const jobTmp = sandbox ? SANDBOX_TMP : tmp;
    const env: Record<string, string> = {
      ...allowedVariables(this.options.env, this.options.passAwsCredentials ?? false),
      HOME: `${jobTmp}/home`,
      TMPDIR: jobTmp,
      ...(process.platform === "win32" ? { TMP: jobTmp, TEMP: jobTmp } : {}),
      PYTHONUNBUFFERED: "1",
      // The SageMaker training toolkit reads its layout from here when it runs outside a container.
      SAGEMAKER_BASE_DIR: sandbox ? OPT_ML : optMl,
    };
    const jobEnv = Object.fromEntries(Object.entries(spec.env).map(([key, value]) => [key, map(value)]));
    Object.assign(env, jobEnv);
    if (!sandbox) {
      const refusal = `the host runner has no sandbox here (${this.options.noSandboxReason ?? noSandboxReason()}), so ${OPT_ML} would be this machine's own. Run the job with the container runner (setting sagemakerPipelines.local.runner "container", CLI --runner container), install bubblewrap (Linux), or take the folders from the arguments or the SM_* variables`;
      const reference = findOptMlReference(job.workDir, argv, jobEnv);
      if (reference) throw new StepJobError(`The job refers to ${OPT_ML} in ${reference}: ${refusal}.`);
      // Python code that uses /opt/ml itself (not the paths passed) fails when it does, with this message.
      env.PYTHONPATH = installPythonGuard(job.workDir, `${OPT_ML} is not available to this job: ${refusal}.`, env.PYTHONPATH);
    }
    const found = findCommand(argv[0], job.workDir, env.PATH ?? "");
    const imageTool = found ? undefined : imageToolRefusal(argv[0], spec.image);
    if (imageTool) throw new StepJobError(imageTool);
    if (sandbox && !found) {
      // Inside the sandbox bwrap itself would report it as the job's failure: say it as the runner does without one.
      throw new StepJobError(`Could not start '${argv[0]}': spawn ${argv[0]} ENOENT (not found in the sandbox).`, "SageMaker.JOB_INTERNAL_ERROR");
    }
    const [command, ...args] = sandbox
      ? [
          sandbox,
          ...bwrapArguments({
            optMl,
            tmp,
            cwd,
            network: this.options.network ?? true,
            hide: this.hiddenFolders(),
            keep: programFoldersUnderTmp(env.PATH ?? ""),
          }),
          ...argv,
        ]
      : argv;
    job.log(`$ ${commandLine(argv)}`);
    const hint = wrapperHint(argv);
    const spawned = spawnLogged({
      command,
      args,
      cwd: sandbox ? job.workDir : hostPath(job.workDir, cwd, "working directory"),
      env,
      signal: job.signal,
      log: job.log,
      onLine: spec.onLine,
      maxRuntimeSeconds: spec.maxRuntimeSeconds,
      killGraceMs: this.options.killGraceMs,
      trackProcess: job.trackProcess,
      display: argv,
    });
    // A failure of one of the SDK's own wrappers says what the wrapper expects, not only its stderr.
    await (hint
      ? spawned.catch((error: unknown) =>
          Promise.reject(error instanceof StepJobError ? new StepJobError(withHint(error.message, hint), error.exceptionType) : error),
        )
      : spawned);
  }
}

/** Whether the sandbox will find the command: a path (container paths under /opt/ml are the job's), or a name on PATH. */
function findCommand(command: string, workDir: string, path: string): boolean {
  if (command.includes("/")) {
    const file = command === OPT_ML || command.startsWith(`${OPT_ML}/`) ? hostPath(workDir, command) : command;
    return existsSync(file);
  }
  return path.split(delimiter).some((dir) => dir.length > 0 && isExecutable(join(dir, command)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
