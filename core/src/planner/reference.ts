import { executionLabel, isFinished, type ExecutionInfo } from "./execution";

/**
 * How the reference execution of a selective run is chosen (the SDK's table):
 * an explicit execution wins; otherwise the latest execution when "reference latest" is on; otherwise none.
 */
export type ReferencePolicy = { kind: "explicit"; execution: ExecutionInfo } | { kind: "latest" } | { kind: "none" };

export type ReferenceChoice =
  | { ok: true; reference?: ExecutionInfo; note?: string }
  | { ok: false; reason: string; /** A finished execution the user can take instead. */ alternative?: ExecutionInfo };

/**
 * The reference for a selection. `executions` are the pipeline's executions, newest first.
 * `needed`: the selection reads outputs of steps it does not run.
 */
export function chooseReference(policy: ReferencePolicy, executions: ExecutionInfo[], pipelineArn: string, needed: boolean): ReferenceChoice {
  const newestFinished = executions.find((e) => samePipeline(e.pipelineArn, pipelineArn) && isFinished(e));
  if (policy.kind === "none") return { ok: true };
  if (policy.kind === "explicit") {
    const chosen = policy.execution;
    if (!samePipeline(chosen.pipelineArn, pipelineArn)) {
      return {
        ok: false,
        reason: `The reference execution ${executionLabel(chosen)} belongs to another pipeline (${chosen.pipelineArn}), not ${pipelineArn}.`,
        alternative: newestFinished,
      };
    }
    if (!isFinished(chosen)) {
      return {
        ok: false,
        reason: `The reference execution ${executionLabel(chosen)} is still ${chosen.status}: a reference must be Succeeded, Failed or Stopped.`,
        alternative: newestFinished,
      };
    }
    return { ok: true, reference: chosen };
  }
  const latest = executions.find((e) => samePipeline(e.pipelineArn, pipelineArn));
  if (!latest) return { ok: true, note: "The pipeline has no executions yet: there is no reference." };
  if (isFinished(latest)) return { ok: true, reference: latest };
  if (!needed)
    return { ok: true, note: `The latest execution ${executionLabel(latest)} is still ${latest.status}; the selection needs no reference, so none is sent.` };
  return {
    ok: false,
    reason: `The latest execution ${executionLabel(latest)} is still ${latest.status}: a reference must be Succeeded, Failed or Stopped.${newestFinished ? ` The newest finished one is ${executionLabel(newestFinished)} (${newestFinished.status}).` : " No execution of this pipeline has finished yet."}`,
    alternative: newestFinished,
  };
}

/** The service writes pipeline names in ARNs in lower case. */
const samePipeline = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
