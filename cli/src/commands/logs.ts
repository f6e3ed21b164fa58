import { dirname, resolve } from "node:path";
import { listAllSteps, openStepLog, explainError, type Connection, type PipelineExecutionStep } from "../../../sagemaker/src";
import { openTarget, type TargetOptions } from "../target";

export interface LogsOptions extends TargetOptions {
  follow?: boolean;
  pollMs?: number;
}

const RUNNING = new Set(["Starting", "Executing", "Stopping"]);

/**
 * `sagemaker-pipelines logs EXECUTION_ARN STEP`: the step's status and FailureReason, then the end of its log (the local
 * engine's, or its jobs' CloudWatch streams); `--follow` prints new lines until the step ends. The editor's log tab
 * reads through the same layer (sagemaker/src/logs).
 */
export async function showLogs(executionArn: string, stepName: string, options: LogsOptions, out: (line: string) => void): Promise<number> {
  const target = await openTarget(options, dirname(resolve(options.store ?? ".")));
  const connection: Connection = {
    client: target.client,
    target: target.local ? "local" : "aws",
    label: target.description,
    endpoint: target.endpoint,
    profile: options.profile,
    region: options.region,
  };
  let step: PipelineExecutionStep = { StepName: stepName };
  const refreshStep = async () => {
    const steps = await listAllSteps(connection.client, executionArn, "Ascending");
    const found = steps.find((s) => s.StepName === stepName);
    if (!found)
      throw new Error(`execution ${executionArn} has no step ${stepName}${steps.length ? ` (its steps: ${steps.map((s) => s.StepName).join(", ")})` : ""}.`);
    step = found;
  };
  try {
    try {
      await refreshStep();
    } catch (error) {
      out(
        error instanceof Error && error.message.startsWith("execution ")
          ? error.message
          : explainError(error, "ListPipelineExecutionSteps", connection).message,
      );
      return 1;
    }
    out(`Step: ${stepName} · ${step.StepStatus ?? "unknown"}`);
    if (step.FailureReason) out(`Failure: ${step.FailureReason}`);
    const { feed, dispose } = await openStepLog(connection, executionArn, () => step);
    try {
      const printed = new Map<string, number>();
      const print = () => {
        const view = feed.view();
        for (const note of view.notes) {
          if (printed.has(`note:${note}`)) continue;
          printed.set(`note:${note}`, 1);
          out(note);
        }
        for (const section of view.sections) {
          const seen = printed.get(section.title);
          if (seen === undefined && view.sections.length > 1) out(`── ${section.title}`);
          // Lines are counted from the log's first read line on: dropped ones included.
          const total = section.dropped + section.lines.length;
          for (const line of section.lines.slice(Math.max(0, (seen ?? 0) - section.dropped))) out(line);
          printed.set(section.title, total);
        }
        if (view.error) out(`⚠ ${view.error}`);
        return view.error;
      };
      await feed.refresh();
      if (print() && !options.follow) return 1;
      if (feed.view().sections.every((s) => s.empty) && feed.view().notes.length === 0) out("No log yet.");
      while (options.follow && RUNNING.has(step.StepStatus ?? "")) {
        await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
        await refreshStep().catch(() => undefined);
        await feed.refresh();
        print();
      }
      if (options.follow) {
        await feed.refresh();
        print();
        out(`Step: ${stepName} · ${step.StepStatus ?? "unknown"}${step.FailureReason ? ` · ${step.FailureReason}` : ""}`);
      }
      return 0;
    } finally {
      dispose();
    }
  } finally {
    await target.close();
  }
}
