/**
 * Adversarial pipeline definitions for linearity tests and the `adversarial` bench part: `n` steps of similar
 * names, each one naming something that does not exist (a near miss of a real name), in the place `kind` says.
 */
export type AdversarialKind = "depends-on" | "get-step" | "get-parameter" | "duplicate-names" | "cycle" | "unknown-outputs";

export const ADVERSARIAL_KINDS: readonly AdversarialKind[] = ["depends-on", "get-step", "get-parameter", "duplicate-names", "cycle", "unknown-outputs"];

export function generateAdversarial(n: number, kind: AdversarialKind): string {
  const steps: Array<Record<string, unknown>> = [];
  const parameters: Array<Record<string, unknown>> = [];
  for (let i = 0; i < n; i++) {
    const step: Record<string, unknown> = { Name: `Step${i}`, Type: "Fail", Arguments: { ErrorMessage: "failed" } };
    if (kind === "depends-on") step.DependsOn = [`Stap${i}x`];
    if (kind === "get-step") step.Arguments = { ErrorMessage: { Get: `Steps.Stap${i}x.ProcessingOutputConfig` } };
    if (kind === "get-parameter") {
      parameters.push({ Name: `Param${i}`, Type: "String", DefaultValue: "a" });
      step.Arguments = { ErrorMessage: { Get: `Parameters.Parm${i}x` } };
    }
    if (kind === "duplicate-names") step.Name = "Same";
    if (kind === "cycle") step.DependsOn = [`Step${(i + 1) % n}`];
    if (kind === "unknown-outputs") step.Arguments = { ErrorMessage: { Get: `Steps.Prep.ProcessingOutputConfig.Outputs['out${i}x'].S3Output.S3Uri` } };
    steps.push(step);
  }
  if (kind === "unknown-outputs") {
    const outputs = Array.from({ length: n }, (_, i) => ({
      OutputName: `out${i}`,
      S3Output: { S3Uri: "s3://b/o", LocalPath: "/opt/ml/processing/o", S3UploadMode: "EndOfJob" },
    }));
    steps.push({ Name: "Prep", Type: "Processing", Arguments: { ProcessingOutputConfig: { Outputs: outputs } } });
  }
  return JSON.stringify({ Version: "2020-12-01", Parameters: parameters, Steps: steps }, null, 1);
}
