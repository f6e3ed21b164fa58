/**
 * The local engine over its HTTP API: a 500-step fan-out/fan-in pipeline of no-op steps (one root, 498
 * Processing steps that depend on it, one that depends on them all), run with the default parallelism
 * and one step at a time. The runner does nothing, so the time is the engine's own: scheduling,
 * expression resolution, records written to the store, the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreatePipelineCommand, DescribePipelineExecutionCommand, SageMakerClient, StartPipelineExecutionCommand } from "@aws-sdk/client-sagemaker";
import { LocalEngine } from "../../engine/src/engine";
import type { StepRunner } from "../../engine/src/runners/runner";

/** A runner whose steps do nothing, or wait `ms` (to show that parallel steps do overlap). */
const runner = (ms: number): StepRunner => ({
  run: async () => (ms ? new Promise((r) => setTimeout(() => r({ properties: {}, runner: "wait" }), ms)) : { properties: {}, runner: "no-op" }),
});

export function fanOutFanIn(width: number): string {
  const step = (name: string, dependsOn: string[]) => ({
    Name: name,
    Type: "Processing",
    ...(dependsOn.length ? { DependsOn: dependsOn } : {}),
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } },
      AppSpecification: { ImageUri: "image", ContainerEntrypoint: ["true"] },
      RoleArn: "arn:aws:iam::111122223333:role/Role",
    },
  });
  const middle = Array.from({ length: width }, (_, i) => step(`Work${i}`, ["Root"]));
  return JSON.stringify({
    Version: "2020-12-01",
    Steps: [
      step("Root", []),
      ...middle,
      step(
        "Sink",
        middle.map((s) => s.Name),
      ),
    ],
  });
}

export interface EngineRow {
  mode: string;
  steps: number;
  wallMs: number;
  perStepMs: number;
}

export async function benchEngine(steps = 500, stepMs = 0): Promise<EngineRow[]> {
  const root = mkdtempSync(join(tmpdir(), "smp-bench-engine-"));
  const engine = new LocalEngine({ root, runner: runner(stepMs) });
  const endpoint = await engine.listen();
  const client = new SageMakerClient({ endpoint, region: "us-east-1", credentials: engine.credentials, maxAttempts: 1 });
  try {
    await client.send(
      new CreatePipelineCommand({
        PipelineName: "fan",
        PipelineDefinition: fanOutFanIn(steps - 2),
        RoleArn: "arn:aws:iam::111122223333:role/Role",
        ClientRequestToken: "b".repeat(32),
      }),
    );
    const rows: EngineRow[] = [];
    for (const [mode, parallelism] of [
      ["parallel (default, up to 50 at once)", undefined],
      ["one at a time (MaxParallelExecutionSteps 1)", 1],
    ] as const) {
      const t0 = performance.now();
      const { PipelineExecutionArn } = await client.send(
        new StartPipelineExecutionCommand({
          PipelineName: "fan",
          ...(parallelism ? { ParallelismConfiguration: { MaxParallelExecutionSteps: parallelism } } : {}),
        }),
      );
      for (;;) {
        const { PipelineExecutionStatus: status, FailureReason } = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn }));
        if (status === "Succeeded") break;
        if (status !== "Executing") throw new Error(`the benchmark execution ended ${status}: ${FailureReason}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const wallMs = performance.now() - t0;
      rows.push({ mode: stepMs ? `${mode}, steps that wait ${stepMs} ms` : `${mode}, no-op steps`, steps, wallMs, perStepMs: wallMs / steps });
    }
    return rows;
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}
