import type { TestContext } from "node:test";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { until } from "./local-serve";

export interface MotoServer {
  endpoint: string;
  /** The bytes of an object in its S3 (read with boto3 in the same interpreter), or undefined when there is none. */
  readObject(bucket: string, key: string): Buffer | undefined;
}

/** A free loopback port (moto's server prints no port of its own choosing). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

/**
 * moto's server (`python -m moto.server`, from the interop venv's pinned moto) on a free loopback port: an S3 and STS
 * that speak the AWS protocols, for code that would call AWS. Killed when the test ends.
 */
export async function startMotoServer(t: TestContext, python: string): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await until(
    `moto's server on ${endpoint}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`moto's server exited (${child.exitCode}):\n${output}`);
      return fetch(`${endpoint}/moto-api/`).then(
        (response) => response.status,
        () => 0,
      );
    },
    (status) => status === 200,
    60_000,
  );
  const readObject = (bucket: string, key: string): Buffer | undefined => {
    const script =
      "import boto3, sys\n" +
      "s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing')\n" +
      "try:\n    sys.stdout.buffer.write(s3.get_object(Bucket=sys.argv[2], Key=sys.argv[3])['Body'].read())\n" +
      "except s3.exceptions.NoSuchKey:\n    sys.exit(3)\n";
    const result = spawnSync(python, ["-c", script, endpoint, bucket, key], { timeout: 60_000 });
    if (result.status === 3) return undefined;
    if (result.status !== 0) throw new Error(`reading s3://${bucket}/${key} from moto failed: ${result.stderr}`);
    return result.stdout;
  };
  return { endpoint, readObject };
}
