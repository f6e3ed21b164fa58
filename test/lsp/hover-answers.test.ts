// The hovers and lenses of the issue "what the editor says is true … and reads well", over a real LSP client: the
// step hover leads with the verdict (and on a miss the cache-key diff) before the step's details; the ExpireAfter
// value's hover is about the duration alone; an invalid ExpireAfter is not "treated as no expiry"; "no runs yet" is
// said once; the Reference lens says "none yet" before anything has run; executions are called by one name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { CodeLens, Hover, MarkupContent } from "vscode-languageserver-protocol";
import { LineIndex, type PastExecution } from "../../core/src";
import { SetCacheContextNotification, SetReferenceNotification } from "../../protocol/src";
import { LspClient } from "../helpers/lsp";

let lsp: LspClient;
before(async () => (lsp = await LspClient.start()));
after(async () => lsp.stop());

const ARN = "arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/b6ljc700s359";

function definition(learningRate: string, expireAfter = "P30D"): string {
  return JSON.stringify(
    {
      Version: "2020-12-01",
      Parameters: [],
      Steps: [
        {
          Name: "Train",
          Type: "Training",
          Arguments: { HyperParameters: { learning_rate: learningRate }, AlgorithmSpecification: { TrainingImage: "img", TrainingInputMode: "File" } },
          CacheConfig: { Enabled: true, ExpireAfter: expireAfter },
        },
      ],
    },
    null,
    2,
  );
}

function past(displayName?: string): PastExecution {
  const ended = new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    executionArn: ARN,
    displayName,
    status: "Succeeded",
    startTime: ended,
    definition: definition("0.1"),
    parameters: {},
    steps: { Train: { status: "Succeeded", startTime: ended, endTime: ended } },
  };
}

async function hoverAt(uri: string, text: string, needle: string, into = 2): Promise<string> {
  const position = new LineIndex(text).positionAt(text.indexOf(needle) + into);
  const result = await lsp.connection.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position });
  return (result?.contents as MarkupContent | undefined)?.value ?? "";
}

async function lensTitles(uri: string): Promise<string[]> {
  const lenses = await lsp.connection.sendRequest<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
  return lenses.map((l) => l.command?.title ?? "");
}

test("a miss: the step hover starts with the verdict and the cache-key diff, the step's details below", async () => {
  const text = definition("0.2");
  const uri = await lsp.open(text);
  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past()], parameters: {} });
  const hover = await hoverAt(uri, text, '"Train"');
  const lines = hover.split("\n");
  assert.match(lines[0], /^\*\*Cache: miss\*\*: the step runs again\. Cache-key changes since execution `b6ljc700s359` \(ended .*, 5 min ago\):$/);
  assert.equal(lines[1], '- `HyperParameters.learning_rate: "0.1" → "0.2"`');
  const details = lines.indexOf("**Step** `Train` · Training");
  assert.ok(details > 1 && lines.slice(0, details).includes("---"), hover);
  for (const detail of ["- Upstream: none", "- Cache: on · 30 days (P30D)", "- Retry: none"]) assert.ok(lines.indexOf(detail) > details, hover);
  assert.equal(hover.match(/HyperParameters\.learning_rate/g)?.length, 1, "the diff once");
  await lsp.close(uri);
});

test("the ExpireAfter value's hover is about the duration only: no verdict, no Upstream", async () => {
  const text = definition("0.2");
  const uri = await lsp.open(text);
  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past()], parameters: {} });
  const hover = await hoverAt(uri, text, '"P30D"');
  assert.equal(
    hover,
    "**ExpireAfter** `P30D`: 30 days\n\nCanonical ISO 8601 form.\n\nA successful earlier run of this step younger than 30 days is reused when its cache-key attributes are unchanged.",
  );
  await lsp.close(uri);
});

test("an invalid ExpireAfter: the value's hover says what happens (no 'treated as no expiry'), the step hover says it once", async () => {
  const text = definition("0.1", "30 days");
  const uri = await lsp.open(text);
  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past()], parameters: {} });
  const value = await hoverAt(uri, text, '"30 days"');
  assert.match(value, /^\*\*ExpireAfter\*\* `30 days`: the definition does not run until this value is fixed\.\n\n/);
  assert.match(value, /the local engine refuses it \(ValidationException at CreatePipeline\)\. What the SageMaker service does with such a value is not known/);
  assert.match(value, /As a duration: `P30D` \(30 days\), which the quick fix writes\.$/);
  assert.doesNotMatch(value, /no expiry|Cache: |Upstream|Write an ISO 8601/);

  const step = await hoverAt(uri, text, '"Train"');
  assert.match(step, /^\*\*Cache: hit\*\*: the next run reuses this step's run in execution `b6ljc700s359` \(ended [^)]*\) instead of running it\.\n/);
  assert.equal(step.match(/ExpireAfter is not a valid duration/g)?.length, 1, step);
  assert.doesNotMatch(step, /no expiry|does not expire/);
  await lsp.close(uri);
});

test("no runs yet is said once, and the Reference lens says none yet before anything has run", async () => {
  const text = definition("0.1");
  const uri = await lsp.open(text);
  assert.ok((await lensTitles(uri)).includes("Reference: latest finished execution"), "not known yet");
  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [], parameters: {} });
  assert.ok((await lensTitles(uri)).includes("Reference: none yet"), JSON.stringify(await lensTitles(uri)));
  const hover = await hoverAt(uri, text, '"Train"');
  assert.match(
    hover,
    /^\*\*Cache: no runs yet\*\*: this pipeline has no finished execution to compare with, so the step runs\.\n\n---\n\n\*\*Step\*\* `Train`/,
  );
  assert.equal(hover.match(/no (runs|finished execution|executions)/gi)?.length, 2, "the verdict's name and its reason, once each");

  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past()], parameters: {} });
  assert.ok((await lensTitles(uri)).includes("Reference: latest finished execution"), JSON.stringify(await lensTitles(uri)));
  await lsp.close(uri);
});

test("one name per execution: a chosen display name in the hover, the cache lens and the Reference lens; the generated one is not shown", async () => {
  const text = definition("0.1");
  const uri = await lsp.open(text);
  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past("nightly-retrain")], parameters: {} });
  assert.match(await hoverAt(uri, text, '"Train"'), /in execution `nightly-retrain` \(ended/);
  assert.ok(
    (await lensTitles(uri)).some((t) => t.startsWith("Cache: hit (from nightly-retrain, expires in ")),
    JSON.stringify(await lensTitles(uri)),
  );
  await lsp.notify(SetReferenceNotification.type, { uri, reference: { id: "b6ljc700s359", displayName: "nightly-retrain", status: "Succeeded" } });
  assert.ok((await lensTitles(uri)).includes("Reference: nightly-retrain · Succeeded"), JSON.stringify(await lensTitles(uri)));

  await lsp.notify(SetCacheContextNotification.type, { uri, executions: [past("execution-1796000405561")], parameters: {} });
  await lsp.notify(SetReferenceNotification.type, { uri, reference: { id: "b6ljc700s359", displayName: "execution-1796000405561", status: "Succeeded" } });
  const titles = await lensTitles(uri);
  assert.ok(titles.includes("Reference: b6ljc700s359 · Succeeded"), JSON.stringify(titles));
  assert.ok(
    titles.some((t) => t.startsWith("Cache: hit (from b6ljc700s359, ")),
    JSON.stringify(titles),
  );
  assert.doesNotMatch(await hoverAt(uri, text, '"Train"'), /execution-1796000405561/);
  await lsp.close(uri);
});
