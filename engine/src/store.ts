import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExecutionRecord, PipelineRecord, StepRecord } from "./records";

/**
 * The engine's persistent state: one JSON file per pipeline, execution and step, under a folder the
 * user can see. Every write goes to a temporary file first and is renamed into place, so a crash
 * leaves either the old or the new record, never half of one.
 */
export class Store {
  readonly pipelines = new Map<string, PipelineRecord>();
  readonly executions = new Map<string, ExecutionRecord>();
  /** Steps of each execution, by execution id, in the order they started. */
  readonly steps = new Map<string, Map<string, StepRecord>>();

  constructor(readonly root: string) {
    for (const dir of ["pipelines", "executions"]) mkdirSync(join(root, dir), { recursive: true });
    this.load();
  }

  get objectStoreRoot(): string {
    return join(this.root, "s3");
  }

  executionDir(executionId: string): string {
    return join(this.root, "executions", executionId);
  }

  stepDir(executionId: string, stepName: string): string {
    return join(this.executionDir(executionId), "steps", stepName);
  }

  savePipeline(record: PipelineRecord): void {
    this.pipelines.set(record.PipelineName, record);
    writeAtomically(join(this.root, "pipelines", `${record.PipelineName}.json`), record);
  }

  deletePipeline(name: string): void {
    this.pipelines.delete(name);
    rmSync(join(this.root, "pipelines", `${name}.json`), { force: true });
  }

  saveExecution(record: ExecutionRecord): void {
    this.executions.set(record.ExecutionId, record);
    if (!this.steps.has(record.ExecutionId)) this.steps.set(record.ExecutionId, new Map());
    writeAtomically(join(this.executionDir(record.ExecutionId), "execution.json"), record);
  }

  saveStep(executionId: string, record: StepRecord): void {
    const steps = this.steps.get(executionId) ?? new Map<string, StepRecord>();
    steps.set(record.StepName, record);
    this.steps.set(executionId, steps);
    writeAtomically(join(this.stepDir(executionId, record.StepName), "step.json"), record);
  }

  stepsOf(executionId: string): StepRecord[] {
    return [...(this.steps.get(executionId)?.values() ?? [])];
  }

  private load(): void {
    for (const file of readdirSync(join(this.root, "pipelines"))) {
      if (!file.endsWith(".json")) continue;
      const record = readJson<PipelineRecord>(join(this.root, "pipelines", file));
      if (record) this.pipelines.set(record.PipelineName, record);
    }
    for (const id of readdirSync(join(this.root, "executions"))) {
      const record = readJson<ExecutionRecord>(join(this.executionDir(id), "execution.json"));
      if (!record) continue;
      this.executions.set(id, record);
      const steps = new Map<string, StepRecord>();
      const stepsDir = join(this.executionDir(id), "steps");
      if (existsSync(stepsDir)) {
        for (const name of readdirSync(stepsDir)) {
          const step = readJson<StepRecord>(join(stepsDir, name, "step.json"));
          if (step) steps.set(step.StepName, step);
        }
      }
      this.steps.set(id, new Map([...steps.values()].sort((a, b) => (a.StartTime ?? 0) - (b.StartTime ?? 0)).map((s) => [s.StepName, s])));
    }
  }
}

function writeAtomically(path: string, value: unknown): void {
  mkdirSync(join(path, ".."), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 1), { mode: 0o600 });
  renameSync(temporary, path);
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined; // a missing file, or a temporary one the crash left: the last complete record stands
  }
}
