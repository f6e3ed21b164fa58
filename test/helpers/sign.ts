import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "node:crypto";

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** SHA-256 / HMAC-SHA256 for the signer, written here so that the tests do not borrow the engine's. */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) =>
  typeof data === "string" ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
class TestSha256 {
  private readonly hash;
  constructor(key?: Data) {
    this.hash = key === undefined ? createHash("sha256") : createHmac("sha256", bytes(key));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export interface SignOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signingDate?: Date;
  service?: string;
  region?: string;
}

/** The headers of a request signed with AWS Signature Version 4, as the SDKs sign it (Host and X-Amz-Date included). */
export async function signedHeaders(url: string, key: KeyPair, options: SignOptions = {}): Promise<Record<string, string>> {
  const target = new URL(url);
  const query: Record<string, string> = {};
  for (const [name, value] of target.searchParams) query[name] = value;
  const signer = new SignatureV4({ credentials: key, region: options.region ?? "us-east-1", service: options.service ?? "sagemaker", sha256: TestSha256 });
  const signed = await signer.sign(
    {
      method: options.method ?? "GET",
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query,
      headers: { host: target.host, ...options.headers },
      body: options.body,
    },
    { signingDate: options.signingDate },
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host; // fetch sends it, from the URL
  return headers;
}

/** `fetch` with the request signed by `key`. */
export async function signedFetch(url: string, key: KeyPair, options: SignOptions = {}): Promise<Response> {
  const headers = await signedHeaders(url, key, options);
  return fetch(url, { method: options.method ?? "GET", headers, body: options.body });
}

/** An AWS JSON 1.1 call (`POST /`, `X-Amz-Target: SageMaker.<operation>`), signed by `key`. */
export async function signedCall(endpoint: string, key: KeyPair, target: string | undefined, body: string) {
  const response = await signedFetch(endpoint, key, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", ...(target ? { "x-amz-target": target } : {}) },
    body,
  });
  return { status: response.status, type: response.headers.get("x-amzn-errortype"), body: (await response.json()) as { __type?: string; message?: string } };
}
