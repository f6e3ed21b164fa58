import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribePipelineCommand } from "@aws-sdk/client-sagemaker";
import { awsConnection, explainError, type Connection } from "../../sagemaker/src";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

type Fault = (request: IncomingMessage, response: ServerResponse) => void;

/** A server speaking the AWS JSON protocol that answers every request with the given fault. */
async function faultServer(t: TestContext, fault: Fault): Promise<{ endpoint: string; requests: () => number }> {
  let requests = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on("end", () => fault(request, response));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

const awsError =
  (status: number, type: string, message: string): Fault =>
  (_request, response) => {
    response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": "r1" });
    response.end(JSON.stringify({ __type: type, message }));
  };

/** AWS credentials from an isolated config, so the machine's own never matter. */
function isolatedAws(t: TestContext, config: string, extraFiles: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), "smp-aws-"));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws/config"), config);
  writeFileSync(join(home, ".aws/credentials"), "");
  for (const [path, content] of Object.entries(extraFiles)) {
    mkdirSync(join(home, path, ".."), { recursive: true });
    writeFileSync(join(home, path), content);
  }
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_") && key !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED") delete process.env[key];
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws/credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  });
  t.after(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}

const STATIC_PROFILE = "[profile dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secretvalue123\nregion = eu-west-1\n";

async function attempt(connection: Connection, stepNames: string[] = []) {
  try {
    await connection.client.send(new DescribePipelineCommand({ PipelineName: "abalone" }));
  } catch (error) {
    return explainError(error, "DescribePipeline", connection, stepNames);
  } finally {
    connection.client.destroy();
  }
  throw new Error("the call succeeded");
}

const quick = { connectionMs: 1000, requestMs: 1000 };

test("errors: AccessDenied names the action and the profile, and never the secret", async (t) => {
  isolatedAws(t, STATIC_PROFILE);
  const server = await faultServer(
    t,
    awsError(400, "AccessDeniedException", "User: arn:aws:sts::1:assumed-role/x is not authorized to perform: sagemaker:DescribePipeline"),
  );
  const explained = await attempt(awsConnection({ profile: "dev", region: "" }, server.endpoint, quick));
  assert.match(explained.message, /^Access denied: profile 'dev' may not call sagemaker:DescribePipeline\. Ask for that permission or use another profile\./);
  assert.doesNotMatch(explained.message, /secretvalue123|AKIDEXAMPLE/);
});

test("errors: an expired token says how to refresh it", async (t) => {
  isolatedAws(t, STATIC_PROFILE);
  const server = await faultServer(t, awsError(400, "ExpiredTokenException", "The security token included in the request is expired"));
  const explained = await attempt(awsConnection({ profile: "dev", region: "" }, server.endpoint, quick));
  assert.match(explained.message, /^The AWS credentials of profile 'dev' have expired \(ExpiredTokenException\)\. Refresh them/);
});

test("errors: throttling is retried by the SDK, then explained", async (t) => {
  isolatedAws(t, STATIC_PROFILE);
  const server = await faultServer(t, awsError(400, "ThrottlingException", "Rate exceeded"));
  const explained = await attempt(awsConnection({ profile: "dev", region: "" }, server.endpoint, quick));
  assert.ok(server.requests() > 1, `the SDK retried (${server.requests()} requests)`);
  assert.match(explained.message, /^SageMaker throttled DescribePipeline and the SDK's retries ran out/);
});

test("errors: a 500, a request that never answers, and a dropped connection each read as what happened", async (t) => {
  isolatedAws(t, STATIC_PROFILE);
  const internal = await faultServer(t, awsError(500, "InternalFailure", "boom"));
  assert.match(
    (await attempt(awsConnection({ profile: "dev", region: "" }, internal.endpoint, quick))).message,
    /^SageMaker failed on DescribePipeline \(HTTP 500, InternalFailure\)\. This is on the service's side/,
  );

  const silent = await faultServer(t, () => undefined);
  // Nothing ever answers: a short request timeout (each of the SDK's attempts waits it out) reads the same.
  const timedOut = await attempt(awsConnection({ profile: "dev", region: "" }, silent.endpoint, { ...quick, requestMs: 200 }));
  assert.match(timedOut.message, /DescribePipeline timed out|could not be reached/);

  const dropped = await faultServer(t, (request) => request.socket.destroy());
  assert.match(
    (await attempt(awsConnection({ profile: "dev", region: "" }, dropped.endpoint, quick))).message,
    /could not be reached \((ECONNRESET|connection dropped)\)/,
  );
});

test("errors: the service's ValidationException is quoted, with the step it names", async (t) => {
  isolatedAws(t, STATIC_PROFILE);
  const server = await faultServer(t, awsError(400, "ValidationException", "Step AbaloneTrain references a step that does not exist: AbaloneTrainer"));
  const explained = await attempt(awsConnection({ profile: "dev", region: "" }, server.endpoint, quick), ["AbaloneProcess", "AbaloneTrain"]);
  assert.equal(explained.message, "SageMaker refused DescribePipeline: Step AbaloneTrain references a step that does not exist: AbaloneTrainer");
  assert.equal(explained.step, "AbaloneTrain", "a whole-word match: not AbaloneTrainer's prefix");
});

test("errors: no credentials at all says how to configure them", async (t) => {
  isolatedAws(t, "[default]\nregion = eu-west-1\n");
  const server = await faultServer(t, awsError(400, "ShouldNotBeCalled", "x"));
  const explained = await attempt(awsConnection({ profile: "", region: "" }, server.endpoint, quick));
  assert.match(explained.message, /^No AWS credentials were found for the default credentials\. Configure them with `aws configure` or `aws configure sso`/);
  assert.equal(server.requests(), 0);
});

test("errors: an expired SSO session says to log in again with the profile", async (t) => {
  const config =
    "[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n";
  const { createHash } = await import("node:crypto");
  const cacheFile = `.aws/sso/cache/${createHash("sha1").update("corp").digest("hex")}.json`;
  const token = JSON.stringify({
    accessToken: "expired-token",
    expiresAt: "2020-01-01T00:00:00Z",
    region: "eu-west-1",
    startUrl: "https://corp.awsapps.com/start",
  });
  isolatedAws(t, config, { [cacheFile]: token });
  const server = await faultServer(t, awsError(400, "ShouldNotBeCalled", "x"));
  const explained = await attempt(awsConnection({ profile: "sso-dev", region: "" }, server.endpoint, quick));
  assert.match(explained.message, /^The SSO session of profile 'sso-dev' has expired\. Run `aws sso login --profile sso-dev`, then try again\.$/);
  assert.doesNotMatch(explained.message, /expired-token/);
});
