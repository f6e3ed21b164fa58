import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { executionRecordProblem, pipelineRecordProblem, stepRecordProblem } from "./record-shapes";
import type { ExecutionRecord, PipelineRecord, StepRecord } from "./records";
import { moveAside, readRecord, safeFileName, writeAtomically, type StoreLog } from "./store-files";

/** Pipeline names are case-insensitive, as in the service's ARNs (`pipeline/<name in lower case>`). */
export function pipelineKey(name: string): string {
  return name.toLowerCase();
}

/**
 * The engine's persistent state: one JSON file per pipeline, execution and step, under a folder the
 * user can see. Every change is written to disk first (atomically: a temporary file, flushed, renamed
 * into place) and only then applied in memory, so a request that fails leaves nothing behind. A file that
 * cannot be read is moved aside to `<file>.corrupt-<time>` and logged, never dropped silently or overwritten.
 */
export class Store {
  /** By pipelineKey (the name in lower case). */
  readonly pipelines = new Map<string, PipelineRecord>();
  readonly executions = new Map<string, ExecutionRecord>();
  /** Steps of each execution, by execution id, in the order they started. */
  readonly steps = new Map<string, Map<string, StepRecord>>();
  /** The file each pipeline was loaded from or written to, by pipelineKey. */
  private readonly pipelineFiles = new Map<string, string>();

  constructor(
    readonly root: string,
    readonly log: StoreLog = (message) => process.stderr.write(`${message}\n`),
  ) {
    for (const dir of ["pipelines", "executions"]) mkdirSync(join(root, dir), { recursive: true });
    this.load();
  }

  get objectStoreRoot(): string {
    return join(this.root, "s3");
  }

  executionDir(executionId: string): string {
    return join(this.root, "executions", safeFileName(executionId));
  }

  /** Step names the API allows (`[A-Za-z0-9_-]{0,64}`) are their folder's name; others are hashed. */
  stepDir(executionId: string, stepName: string): string {
    return join(this.executionDir(executionId), "steps", safeFileName(stepName));
  }

  getPipeline(name: string): PipelineRecord | undefined {
    return this.pipelines.get(pipelineKey(name));
  }

  savePipeline(record: PipelineRecord): void {
    const key = pipelineKey(record.PipelineName);
    let path = this.pipelineFiles.get(key);
    if (!path) {
      path = join(this.root, "pipelines", `${safeFileName(key)}.json`);
      // A file this store did not load (unreadable, or written behind its back) is evidence: keep its bytes.
      if (existsSync(path)) moveAside(path, "corrupt", this.log, "was not loaded by this engine and would be overwritten");
    }
    writeAtomically(path, record);
    this.pipelineFiles.set(key, path);
    this.pipelines.set(key, record);
  }

  deletePipeline(name: string): void {
    const key = pipelineKey(name);
    const path = this.pipelineFiles.get(key);
    if (path) rmSync(path, { force: true });
    this.pipelineFiles.delete(key);
    this.pipelines.delete(key);
  }

  saveExecution(record: ExecutionRecord): void {
    writeAtomically(join(this.executionDir(record.ExecutionId), "execution.json"), record);
    // A copy: memory holds what is on disk, not an object its caller may change before the next save.
    this.executions.set(record.ExecutionId, { ...record });
    if (!this.steps.has(record.ExecutionId)) this.steps.set(record.ExecutionId, new Map());
  }

  saveStep(executionId: string, record: StepRecord): void {
    writeAtomically(join(this.stepDir(executionId, record.StepName), "step.json"), record);
    const steps = this.steps.get(executionId) ?? new Map<string, StepRecord>();
    steps.set(record.StepName, { ...record });
    this.steps.set(executionId, steps);
  }

  stepsOf(executionId: string): StepRecord[] {
    return [...(this.steps.get(executionId)?.values() ?? [])];
  }

  private load(): void {
    const pipelinesDir = join(this.root, "pipelines");
    for (const file of readdirSync(pipelinesDir).sort()) {
      if (!file.endsWith(".json")) continue;
      const path = join(pipelinesDir, file);
      const read = readRecord<PipelineRecord>(path, pipelineRecordProblem, this.log);
      if (read.kind !== "record") continue;
      const key = pipelineKey(read.value.PipelineName);
      if (this.pipelines.has(key)) {
        moveAside(
          path,
          "corrupt",
          this.log,
          `holds pipeline '${read.value.PipelineName}', which ${this.pipelineFiles.get(key)} already holds (names are case-insensitive)`,
        );
        continue;
      }
      this.pipelines.set(key, read.value);
      this.pipelineFiles.set(key, path);
    }
    const executionsDir = join(this.root, "executions");
    for (const id of readdirSync(executionsDir).sort()) {
      const dir = join(executionsDir, id);
      if (!isDirectory(dir)) continue;
      const read = readRecord<ExecutionRecord>(join(dir, "execution.json"), executionRecordProblem(id), this.log);
      if (read.kind !== "record") continue;
      this.executions.set(id, read.value);
      this.steps.set(id, this.loadSteps(join(dir, "steps")));
    }
  }

  private loadSteps(stepsDir: string): Map<string, StepRecord> {
    const steps: StepRecord[] = [];
    if (existsSync(stepsDir)) {
      for (const name of readdirSync(stepsDir).sort()) {
        const read = readRecord<StepRecord>(join(stepsDir, name, "step.json"), stepRecordProblem, this.log);
        if (read.kind === "record") steps.push(read.value);
      }
    }
    return new Map(steps.sort((a, b) => (a.StartTime ?? 0) - (b.StartTime ?? 0)).map((s) => [s.StepName, s]));
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
