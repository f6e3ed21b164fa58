import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestContext } from "node:test";
import { ObjectStore } from "../../../engine/src/object-store";
import type { JobStepType, StepJob } from "../../../engine/src/runners/runner";

export interface Sandbox {
  root: string;
  /** Stands in for S3. */
  store: ObjectStore;
  /** Relative URIs resolve here (the definition's folder). */
  baseDir: string;
  /** Writes a file under the sandbox root; returns its path. */
  write(path: string, content: string): string;
  job(stepType: JobStepType, args: Record<string, unknown>, name?: string): TestJob;
}

export interface TestJob extends StepJob {
  logs: string[];
  controller: AbortController;
  /** Resolves with the first log line (already logged or still to come) that matches. */
  logged(pattern: RegExp): Promise<string>;
}

export function sandbox(t: TestContext): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "smp-runner-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const baseDir = join(root, "definition");
  mkdirSync(baseDir, { recursive: true });
  const store = new ObjectStore(join(root, "s3"), baseDir);
  let attempt = 0;
  return {
    root,
    store,
    baseDir,
    write(path, content) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    job(stepType, args, name = `${stepType}Step`) {
      const workDir = join(root, "work", `${name}-${++attempt}`);
      mkdirSync(workDir, { recursive: true });
      const controller = new AbortController();
      const logs: string[] = [];
      const waiting = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
      return {
        stepName: name,
        stepType,
        arguments: args,
        jobName: `pipelines-exec1-${name}`,
        executionId: "exec1",
        workDir,
        objectStore: store,
        log: (line: string) => {
          logs.push(line);
          for (const waiter of [...waiting]) {
            if (!waiter.pattern.test(line)) continue;
            waiting.delete(waiter);
            waiter.resolve(line);
          }
        },
        signal: controller.signal,
        logs,
        controller,
        logged: (pattern) => {
          const line = logs.find((l) => pattern.test(l));
          return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.add({ pattern, resolve }));
        },
      };
    },
  };
}

/** A Processing job's arguments running `python3 <script>` with the script as the `code` input. */
export function processingArguments(scriptUri: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AppSpecification: {
      ImageUri: "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
      ContainerEntrypoint: ["python3", "/opt/ml/processing/input/code/script.py"],
    },
    ProcessingInputs: [
      { InputName: "code", S3Input: { S3Uri: scriptUri, LocalPath: "/opt/ml/processing/input/code", S3DataType: "S3Prefix", S3InputMode: "File" } },
    ],
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30 } },
    RoleArn: "arn:aws:iam::111122223333:role/R",
    ...extra,
  };
}

/** Whether a process id is alive: it exists and has not ended (a zombie has ended; only its parent, or init, has yet to reap it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT" || !existsSync("/proc/self"); // no /proc: the signal said alive
  }
}
