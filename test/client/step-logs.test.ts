import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PipelineExecutionStep } from "@aws-sdk/client-sagemaker";
import { awsConnection, openStepLog, stepLogSources, type StepLogOptions } from "../../sagemaker/src";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secretvalue123", AWS_EC2_METADATA_DISABLED: "true" });

interface Event {
  timestamp: number;
  message: string;
}
type Reply = { status: number; body: unknown };
/** Answers one call, or undefined to let the fake service answer it. */
type Fault = (operation: string, input: Record<string, unknown>) => Reply | undefined;

/**
 * CloudWatch Logs (and the SageMaker Describe calls of tuning and AutoML) over a real HTTP server speaking AWS JSON 1.1,
 * `X-Amz-Target: Logs_20140328.<Operation>`, with GetLogEvents' token semantics: `b/<i>` reads the events before i,
 * `f/<i>` those from i; at either end the service gives back the token it was sent.
 */
async function fakeLogs(t: TestContext, groups: Record<string, Record<string, Event[]>>, sagemaker: Record<string, unknown> = {}) {
  const calls: Array<{ operation: string; input: Record<string, unknown> }> = [];
  const faults: Fault[] = [];
  const answer = (operation: string, input: Record<string, unknown>): Reply => {
    for (const fault of faults) {
      const reply = fault(operation, input);
      if (reply) return reply;
    }
    if (operation in sagemaker) return { status: 200, body: sagemaker[operation] };
    const group = groups[input.logGroupName as string];
    if (!group) return { status: 400, body: { __type: "ResourceNotFoundException", message: "The specified log group does not exist." } };
    if (operation === "DescribeLogStreams") {
      const names = Object.keys(group).filter((n) => n.startsWith((input.logStreamNamePrefix as string) ?? ""));
      // One stream per page, to page through nextToken.
      const at = Number(input.nextToken ?? 0);
      const page = names.slice(at, at + 1).map((logStreamName) => ({ logStreamName }));
      return { status: 200, body: { logStreams: page, ...(at + 1 < names.length ? { nextToken: String(at + 1) } : {}) } };
    }
    if (operation === "GetLogEvents") {
      const events = group[input.logStreamName as string];
      if (!events) return { status: 400, body: { __type: "ResourceNotFoundException", message: "The specified log stream does not exist." } };
      const limit = Math.min(Number(input.limit ?? 10_000), 10_000);
      const token = input.nextToken as string | undefined;
      let from: number;
      let to: number;
      if (token?.startsWith("f/")) {
        from = Number(token.slice(2));
        to = Math.min(events.length, from + limit);
      } else {
        to = token?.startsWith("b/")
          ? Number(token.slice(2))
          : input.endTime !== undefined
            ? events.filter((e) => e.timestamp < (input.endTime as number)).length
            : events.length;
        from = Math.max(0, to - limit);
      }
      return {
        status: 200,
        body: {
          events: events.slice(from, to).map((e) => ({ ...e, ingestionTime: e.timestamp })),
          nextBackwardToken: `b/${from}`,
          nextForwardToken: `f/${to}`,
        },
      };
    }
    return { status: 400, body: { __type: "UnknownOperationException", message: operation } };
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const operation = String(request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      calls.push({ operation, input });
      const reply = answer(operation, input);
      const type = (reply.body as { __type?: string }).__type;
      response.writeHead(reply.status, { "content-type": "application/x-amz-json-1.1", ...(type ? { "x-amzn-errortype": type } : {}) });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, calls, faults };
}

const lines = (count: number, from = 0, at = 1_000): Event[] =>
  Array.from({ length: count }, (_, i) => ({ timestamp: at + from + i, message: `line ${from + i}\n` }));

const processingStep: PipelineExecutionStep = {
  StepName: "Process",
  StepStatus: "Executing",
  Metadata: { ProcessingJob: { Arn: "arn:aws:sagemaker:eu-west-1:123456789012:processing-job/pipelines-abc-process" } },
};
const EXECUTION = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/abalone/execution/abc";

async function open(t: TestContext, endpoint: string, step: PipelineExecutionStep, options: StepLogOptions = {}) {
  const connection = awsConnection({ profile: "", region: "eu-west-1" }, endpoint);
  const opened = await openStepLog(connection, EXECUTION, () => step, { logsEndpoint: endpoint, maxAttempts: 1, ...options });
  t.after(() => {
    opened.dispose();
    connection.client.destroy();
  });
  return opened.feed;
}

test("step logs: the processing job's streams are found by prefix (paged), read from their end, earlier pages by the backward token", async (t) => {
  const group = {
    "pipelines-abc-process/algo-1-111": lines(250),
    "pipelines-abc-process/algo-2-222": lines(3, 0, 5_000),
    "other-job/algo-1-333": lines(1),
  };
  const server = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": group });
  const feed = await open(t, server.endpoint, processingStep, { limits: { pageLines: 100, maxLines: 10_000 } });
  assert.equal(await feed.refresh(), true);
  let view = feed.view();
  assert.deepEqual(
    view.sections.map((s) => s.title),
    [
      "Processing job pipelines-abc-process · /aws/sagemaker/ProcessingJobs pipelines-abc-process/algo-1-111",
      "Processing job pipelines-abc-process · /aws/sagemaker/ProcessingJobs pipelines-abc-process/algo-2-222",
    ],
  );
  assert.equal(view.sections[0].lines.length, 100);
  assert.equal(view.sections[0].lines[0], "line 150");
  assert.equal(view.sections[0].lines.at(-1), "line 249");
  assert.equal(view.sections[0].earlier, true);
  assert.deepEqual(
    server.calls.filter((c) => c.operation === "DescribeLogStreams").map((c) => c.input.nextToken ?? null),
    [null, "1"],
    "the streams' second page was asked with the first page's token",
  );
  assert.equal(await feed.loadEarlier(), true);
  assert.equal(await feed.loadEarlier(), true);
  view = feed.view();
  assert.equal(view.sections[0].lines.length, 250);
  assert.equal(view.sections[0].lines[0], "line 0");
  assert.equal(await feed.loadEarlier(), false, "at the start, the service gives back the token: nothing more");
  assert.equal(feed.view().sections[0].earlier, false);
  const backwards = server.calls.filter(
    (c) => c.operation === "GetLogEvents" && c.input.logStreamName === "pipelines-abc-process/algo-1-111" && String(c.input.nextToken ?? "").startsWith("b/"),
  );
  assert.deepEqual(
    backwards.map((c) => c.input.nextToken),
    ["b/150", "b/50", "b/0"],
  );
});

test("step logs: a running step's stream grows; each refresh reads only the new events (forward token), one event of several lines is several lines", async (t) => {
  const stream = lines(5);
  const server = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": { "pipelines-abc-process/algo-1-1": stream } });
  const feed = await open(t, server.endpoint, processingStep);
  await feed.refresh();
  assert.equal(await feed.refresh(), false, "nothing new");
  stream.push({ timestamp: 2_000, message: "epoch 1\nloss 0.5\n" }, { timestamp: 2_001, message: "epoch 2" });
  assert.equal(await feed.refresh(), true);
  assert.deepEqual(feed.view().sections[0].lines.slice(-3), ["epoch 1", "loss 0.5", "epoch 2"]);
  const forward = server.calls.filter((c) => c.operation === "GetLogEvents" && String(c.input.nextToken ?? "").startsWith("f/"));
  assert.ok(
    forward.some((c) => c.input.nextToken === "f/5"),
    "read on from the end of the first page",
  );
  assert.ok(forward.every((c) => c.input.startFromHead === true));
});

test("step logs: a long followed log keeps maxLines lines; earlier ones are read again by time", async (t) => {
  const stream = lines(30);
  const server = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": { "pipelines-abc-process/algo-1-1": stream } });
  const feed = await open(t, server.endpoint, processingStep, { limits: { pageLines: 10, maxLines: 25 } });
  await feed.refresh();
  stream.push(...lines(20, 30));
  await feed.refresh();
  const section = feed.view().sections[0];
  assert.equal(section.lines.length, 25);
  assert.equal(section.dropped, 5);
  assert.equal(section.lines[0], "line 25");
  assert.equal(section.lines.at(-1), "line 49");
  assert.equal(section.earlier, false, "the window is full: no more earlier lines are kept");
});

test("step logs: no stream yet, or no log group yet, is 'no log yet'; a stream that appears later is read", async (t) => {
  const group: Record<string, Event[]> = {};
  const server = await fakeLogs(t, {});
  const feed = await open(t, server.endpoint, processingStep);
  await feed.refresh();
  let view = feed.view();
  assert.equal(view.error, undefined);
  assert.match(
    view.notes.join("\n"),
    /Processing job pipelines-abc-process: no log yet \(no stream pipelines-abc-process\/… in \/aws\/sagemaker\/ProcessingJobs\)/,
  );
  const withGroup = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": group });
  const later = await open(t, withGroup.endpoint, processingStep);
  await later.refresh();
  assert.match(later.view().notes.join("\n"), /no log yet/);
  group["pipelines-abc-process/algo-1-1"] = [];
  await later.refresh();
  view = later.view();
  assert.deepEqual(view.notes, []);
  assert.equal(view.sections[0].empty, true, "an empty stream: no log lines yet");
  group["pipelines-abc-process/algo-1-1"].push(...lines(2));
  await later.refresh();
  assert.deepEqual(later.view().sections[0].lines, ["line 0", "line 1"]);
});

test("step logs: access denied names the missing permission, logs:GetLogEvents or logs:DescribeLogStreams", async (t) => {
  const denied =
    (operation: string): Fault =>
    (op) =>
      op === operation
        ? {
            status: 400,
            body: {
              __type: "AccessDeniedException",
              message: `User: arn:aws:sts::123456789012:assumed-role/dev is not authorized to perform: logs:${operation}`,
            },
          }
        : undefined;
  const server = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": { "pipelines-abc-process/algo-1-1": lines(3) } });
  server.faults.push(denied("GetLogEvents"));
  const feed = await open(t, server.endpoint, processingStep);
  await feed.refresh();
  assert.match(feed.view().error ?? "", /^Access denied: the default credentials may not read CloudWatch logs \(logs:GetLogEvents\)/);
  assert.match(feed.view().error ?? "", /logs:DescribeLogStreams/);
  server.faults.length = 0;
  server.faults.push(denied("DescribeLogStreams"));
  const other = await open(t, server.endpoint, processingStep);
  await other.refresh();
  assert.match(other.view().error ?? "", /\(logs:DescribeLogStreams\)/);
  server.faults.length = 0;
  await feed.refresh();
  assert.equal(feed.view().error, undefined, "a refresh that works clears the message");
  assert.deepEqual(feed.view().sections[0].lines, ["line 0", "line 1", "line 2"]);
});

test("step logs: throttling is retried by the SDK; throttling that lasts is said so", async (t) => {
  const server = await fakeLogs(t, { "/aws/sagemaker/ProcessingJobs": { "pipelines-abc-process/algo-1-1": lines(3) } });
  let throttled = 0;
  server.faults.push((op) =>
    op === "GetLogEvents" && throttled++ < 1 ? { status: 400, body: { __type: "ThrottlingException", message: "Rate exceeded" } } : undefined,
  );
  const feed = await open(t, server.endpoint, processingStep, { maxAttempts: 3 });
  await feed.refresh();
  assert.equal(feed.view().error, undefined);
  assert.equal(feed.view().sections[0].lines.length, 3);
  assert.equal(server.calls.filter((c) => c.operation === "GetLogEvents").length, 2, "one throttled call, one retry");
  server.faults.length = 0;
  server.faults.push((op) => (op === "DescribeLogStreams" ? { status: 400, body: { __type: "ThrottlingException", message: "Rate exceeded" } } : undefined));
  const always = await open(t, server.endpoint, processingStep, { maxAttempts: 2 });
  await always.refresh();
  assert.match(always.view().error ?? "", /CloudWatch Logs throttled DescribeLogStreams and the SDK's retries ran out/);
});

test("step logs: a tuning step's log is its best training job's; AutoML's its best candidate's jobs; EMR and Lambda say where theirs are", async (t) => {
  const server = await fakeLogs(
    t,
    {},
    {
      DescribeHyperParameterTuningJob: { BestTrainingJob: { TrainingJobName: "tune-abc-007-1234" } },
      DescribeAutoMLJobV2: {
        BestCandidate: {
          CandidateSteps: [
            { CandidateStepType: "AWS::SageMaker::ProcessingJob", CandidateStepName: "automl-dpp0" },
            { CandidateStepType: "AWS::SageMaker::TrainingJob", CandidateStepName: "automl-train-1" },
            { CandidateStepType: "AWS::SageMaker::TransformJob", CandidateStepName: "automl-transform" },
          ],
        },
      },
    },
  );
  const connection = awsConnection({ profile: "", region: "eu-west-1" }, server.endpoint);
  t.after(() => connection.client.destroy());
  const tuning = await stepLogSources(connection.client, {
    StepName: "Tune",
    Metadata: { TuningJob: { Arn: "arn:aws:sagemaker:eu-west-1:1:hyper-parameter-tuning-job/tune-abc" } },
  });
  assert.deepEqual(tuning.jobs, [
    { title: "Training job tune-abc-007-1234 (the best of tuning job tune-abc)", logGroup: "/aws/sagemaker/TrainingJobs", streamPrefix: "tune-abc-007-1234/" },
  ]);
  assert.equal(server.calls.find((c) => c.operation === "DescribeHyperParameterTuningJob")?.input.HyperParameterTuningJobName, "tune-abc");
  const automl = await stepLogSources(connection.client, {
    StepName: "AutoML",
    Metadata: { AutoMLJob: { Arn: "arn:aws:sagemaker:eu-west-1:1:automl-job/automl-abc" } },
  });
  assert.deepEqual(
    automl.jobs.map((j) => [j.logGroup, j.streamPrefix]),
    [
      ["/aws/sagemaker/ProcessingJobs", "automl-dpp0/"],
      ["/aws/sagemaker/TrainingJobs", "automl-train-1/"],
      ["/aws/sagemaker/TransformJobs", "automl-transform/"],
    ],
  );
  const emr = await stepLogSources(connection.client, {
    StepName: "Emr",
    Metadata: { EMR: { ClusterId: "j-1", StepId: "s-2", LogFilePath: "s3://logs/j-1/steps/s-2/" } },
  });
  assert.deepEqual(emr.jobs, []);
  assert.match(emr.notes[0], /EMR step s-2 of cluster j-1 writes its logs to S3, in s3:\/\/logs\/j-1\/steps\/s-2\//);
  const lambda = await stepLogSources(connection.client, { StepName: "L", Metadata: { Lambda: { Arn: "arn:aws:lambda:eu-west-1:1:function:score" } } });
  assert.match(lambda.notes[0], /\/aws\/lambda\/score/);
  const condition = await stepLogSources(connection.client, { StepName: "Check", StepStatus: "Succeeded", Metadata: { Condition: { Outcome: "True" } } });
  assert.match(condition.notes[0], /A Condition step runs no job of its own: it has no log/);
  const training = await stepLogSources(connection.client, {
    StepName: "T",
    Metadata: { TrainingJob: { Arn: "arn:aws:sagemaker:eu-west-1:1:training-job/pipelines-x-train" } },
  });
  assert.deepEqual(training.jobs[0].logGroup, "/aws/sagemaker/TrainingJobs");
  const transform = await stepLogSources(connection.client, {
    StepName: "B",
    Metadata: { TransformJob: { Arn: "arn:aws:sagemaker:eu-west-1:1:transform-job/pipelines-x-batch" } },
  });
  assert.deepEqual([transform.jobs[0].logGroup, transform.jobs[0].streamPrefix], ["/aws/sagemaker/TransformJobs", "pipelines-x-batch/"]);
});
