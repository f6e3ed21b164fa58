import { randomUUID } from "node:crypto";
import {
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelineParametersForExecutionCommand,
  ListPipelinesCommand,
  StopPipelineExecutionCommand,
  type PipelineExecutionStep,
  type PipelineExecutionSummary,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { pipelineArnOfExecution, type ExecutionInfo } from "../../core/src";

/** One page of the pipeline's executions, newest first. */
export async function executionsPage(
  client: SageMakerClient,
  pipelineName: string,
  pageSize: number,
  token?: string,
): Promise<{ executions: ExecutionInfo[]; nextToken?: string }> {
  const page = await client.send(
    new ListPipelineExecutionsCommand({ PipelineName: pipelineName, SortBy: "CreationTime", SortOrder: "Descending", MaxResults: pageSize, NextToken: token }),
  );
  // The summaries do not say whether an execution was selective; DescribePipelineExecution does.
  const executions = await Promise.all(
    (page.PipelineExecutionSummaries ?? []).map(async (summary) => ({
      ...fromSummary(summary),
      selective: (await describeExecution(client, summary.PipelineExecutionArn!)).selective,
    })),
  );
  return { executions, nextToken: page.NextToken };
}

/** The pipeline's executions, newest first, at most `limit` (paged). */
export async function listExecutions(client: SageMakerClient, pipelineName: string, limit = 50): Promise<ExecutionInfo[]> {
  const result: ExecutionInfo[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListPipelineExecutionsCommand({
        PipelineName: pipelineName,
        SortBy: "CreationTime",
        SortOrder: "Descending",
        MaxResults: Math.min(100, limit - result.length),
        NextToken: token,
      }),
    );
    result.push(...(page.PipelineExecutionSummaries ?? []).map(fromSummary));
    token = page.NextToken;
  } while (token && result.length < limit);
  return result;
}

export async function describeExecution(client: SageMakerClient, executionArn: string): Promise<ExecutionInfo> {
  const d = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }));
  return {
    arn: executionArn,
    pipelineArn: d.PipelineArn ?? pipelineArnOfExecution(executionArn) ?? "",
    status: d.PipelineExecutionStatus ?? "Unknown",
    startTime: d.CreationTime?.toISOString(),
    displayName: d.PipelineExecutionDisplayName,
    selective: d.SelectiveExecutionConfig !== undefined,
  };
}

/** Every step of an execution (all pages), in the given order of start time. */
export async function listAllSteps(
  client: SageMakerClient,
  executionArn: string,
  order: "Ascending" | "Descending" = "Descending",
): Promise<PipelineExecutionStep[]> {
  const steps: PipelineExecutionStep[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn, SortOrder: order, NextToken: token }));
    steps.push(...(page.PipelineExecutionSteps ?? []));
    token = page.NextToken;
  } while (token);
  return steps;
}

/** Step name → StepStatus of an execution (all pages; a retried step's latest run). */
export async function stepStatuses(client: SageMakerClient, executionArn: string): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (const step of await listAllSteps(client, executionArn))
    if (step.StepName && !statuses.has(step.StepName)) statuses.set(step.StepName, step.StepStatus ?? "Unknown");
  return statuses;
}

/** The parameters an execution ran with (all pages). */
export async function executionParameters(client: SageMakerClient, executionArn: string): Promise<Array<{ Name?: string; Value?: string }>> {
  const all: Array<{ Name?: string; Value?: string }> = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: executionArn, NextToken: token }));
    all.push(...(page.PipelineParameters ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** The target's pipeline names, newest first (one page). */
export async function listPipelineNames(client: SageMakerClient, max = 50): Promise<string[]> {
  const page = await client.send(new ListPipelinesCommand({ SortBy: "CreationTime", SortOrder: "Descending", MaxResults: max }));
  return (page.PipelineSummaries ?? []).map((p) => p.PipelineName!).filter(Boolean);
}

/** One page of the pipeline's execution summaries as the service lists them, newest first. */
export async function executionSummariesPage(
  client: SageMakerClient,
  pipelineName: string,
  pageSize: number,
  token?: string,
): Promise<{ summaries: PipelineExecutionSummary[]; nextToken?: string }> {
  const page = await client.send(
    new ListPipelineExecutionsCommand({ PipelineName: pipelineName, SortBy: "CreationTime", SortOrder: "Descending", MaxResults: pageSize, NextToken: token }),
  );
  return { summaries: page.PipelineExecutionSummaries ?? [], nextToken: page.NextToken };
}

/** An execution's status, failure reason and steps (one page, newest first), for progress reports. */
export async function executionProgress(
  client: SageMakerClient,
  executionArn: string,
): Promise<{ status?: string; displayName?: string; failureReason?: string; steps: PipelineExecutionStep[] }> {
  const execution = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }));
  const steps = await client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: executionArn }));
  return {
    status: execution.PipelineExecutionStatus,
    displayName: execution.PipelineExecutionDisplayName,
    failureReason: execution.FailureReason,
    steps: steps.PipelineExecutionSteps ?? [],
  };
}

export async function stopExecution(client: SageMakerClient, executionArn: string): Promise<void> {
  await client.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: executionArn, ClientRequestToken: randomUUID() }));
}

function fromSummary(s: PipelineExecutionSummary): ExecutionInfo {
  const arn = s.PipelineExecutionArn ?? "";
  return {
    arn,
    pipelineArn: pipelineArnOfExecution(arn) ?? "",
    status: s.PipelineExecutionStatus ?? "Unknown",
    startTime: s.StartTime?.toISOString(),
    displayName: s.PipelineExecutionDisplayName,
  };
}
