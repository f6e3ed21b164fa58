import assert from "node:assert/strict";
import { analyze, type PipelineDiagnostic, type Severity } from "../../core/src";

const OPEN = "⟦";
const CLOSE = "⟧";

/** A document whose expected diagnostic ranges are written inline as ⟦…⟧. */
export function marked(source: string): { text: string; spans: Array<{ start: number; end: number }> } {
  let text = "";
  const spans: Array<{ start: number; end: number }> = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === OPEN) open.push(text.length);
    else if (ch === CLOSE) spans.push({ start: open.pop()!, end: text.length });
    else text += ch;
  }
  spans.sort((a, b) => a.start - b.start);
  return { text, spans };
}

/**
 * Asserts that rule `code` reports exactly the marked ranges, with `severity`; returns its diagnostics
 * (in document order) for further assertions on messages and data.
 */
export function expectDiagnostics(source: string, code: string, severity: Severity): PipelineDiagnostic[] {
  const { text, spans } = marked(source);
  const found = analyze(text).diagnostics.filter((d) => d.code === code);
  assert.deepEqual(
    found.map((d) => ({ start: d.start, end: d.end, severity: d.severity, text: text.slice(d.start, d.end) })),
    spans.map((s) => ({ ...s, severity, text: text.slice(s.start, s.end) })),
    `diagnostics of ${code}:\n${found.map((d) => `  ${d.message}`).join("\n")}`,
  );
  return found;
}

export function codesOf(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

/** A minimal valid definition around the given steps and parameters (JSON text fragments). */
export function definition(steps: string, parameters = "[]"): string {
  return `{
  "Version": "2020-12-01",
  "Metadata": {},
  "Parameters": ${parameters},
  "PipelineExperimentConfig": null,
  "Steps": ${steps}
}`;
}

export const FAIL_STEP = (name: string, extra = "") => `{"Name": "${name}", "Type": "Fail", "Arguments": {"ErrorMessage": "stop"}${extra}}`;

/** A Processing step with one output `train`; `extra` is spliced into the step object. */
export const PROCESSING_STEP = (name: string, extra = "", argumentsExtra = "") => `{
      "Name": "${name}",
      "Type": "Processing",
      "Arguments": {
        "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
        "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sklearn:1"},
        "RoleArn": "arn:aws:iam::123456789012:role/Role",
        "ProcessingOutputConfig": {"Outputs": [{"OutputName": "train", "AppManaged": false, "S3Output": {"S3Uri": "s3://b/train", "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}}]}${argumentsExtra}
      }${extra}
    }`;
