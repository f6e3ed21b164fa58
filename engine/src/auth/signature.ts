import { SignatureV4 } from "@smithy/signature-v4";
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { LocalCredentials } from "./credentials";
import { Sha256, sha256Hex } from "./sha256";

/** A refusal in the shape AWS answers it (the SDKs read `type` as the error's name). */
export interface AuthFailure {
  status: number;
  type: "UnrecognizedClientException" | "InvalidSignatureException" | "IncompleteSignatureException";
  message: string;
}

/** What the Authorization header says, once its key id, scope and date have been checked. */
export interface SignatureClaim {
  region: string;
  signedHeaders: string[];
  signature: string;
  signingDate: Date;
}

/** The service name requests must be scoped to, as for SageMaker on AWS. */
export const SIGNING_SERVICE = "sagemaker";
/** How far the request's date may be from the engine's clock, as AWS allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const unrecognized = (message: string): AuthFailure => ({ status: 403, type: "UnrecognizedClientException", message });
const incomplete = (message: string): AuthFailure => ({ status: 403, type: "IncompleteSignatureException", message });
const invalid = (message: string): AuthFailure => ({ status: 403, type: "InvalidSignatureException", message });

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * The checks that need no body: an `AWS4-HMAC-SHA256` Authorization header with the engine's access key id,
 * scoped to `sagemaker` (any region), with an `X-Amz-Date` within 15 minutes of now. Done before the body is read,
 * so that nobody without the key makes the engine buffer anything.
 */
export function checkSignatureClaim(headers: IncomingHttpHeaders, credentials: LocalCredentials, now: number): SignatureClaim | AuthFailure {
  const authorization = header(headers, "authorization");
  if (!authorization)
    return unrecognized("The request is not signed: sign it with the local engine's key (`sagemaker-pipelines local credentials`), as for AWS.");
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256).");
  const [accessKeyId, shortDate, region, service, terminator, ...rest] = match[1].split("/");
  if (!sameText(accessKeyId, credentials.accessKeyId)) return unrecognized("The security token included in the request is invalid.");
  if (rest.length > 0 || !shortDate || !region || terminator !== "aws4_request")
    return incomplete("Credential should be scoped to a valid date, region, service and 'aws4_request'.");
  if (service !== SIGNING_SERVICE) return invalid(`Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);
  const signedHeaders = match[2].split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date"))
    return incomplete("The 'host' and 'x-amz-date' headers must be signed (SignedHeaders).");
  const amzDate = header(headers, "x-amz-date") ?? "";
  const date = AMZ_DATE.exec(amzDate);
  if (!date) return incomplete("Authorization header requires existence of an 'X-Amz-Date' header (YYYYMMDD'T'HHMMSS'Z').");
  const signingDate = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]));
  if (signingDate.getTime() < now - MAX_CLOCK_SKEW_MS)
    return invalid(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`);
  if (signingDate.getTime() > now + MAX_CLOCK_SKEW_MS)
    return invalid(`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`);
  return { region, signedHeaders, signature: match[3], signingDate };
}

export const isAuthFailure = (value: SignatureClaim | AuthFailure): value is AuthFailure => "type" in value;

/** The request as it arrived, which the engine signs again with its secret to compare signatures. */
export interface ReceivedRequest {
  method: string;
  /** The request target as sent (path and query, still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Signs the received request again with the AWS SDK's own signer (`@smithy/signature-v4`), the engine's secret, and
 * exactly the headers the client signed; the signatures must be equal (compared in constant time).
 */
export async function verifySignature(claim: SignatureClaim, request: ReceivedRequest, credentials: LocalCredentials): Promise<AuthFailure | undefined> {
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    const value = header(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const declaredHash = headers["x-amz-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== sha256Hex(request.body))
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  const query = parseQuery(request.url);
  if (!query) return incomplete("The request's query string is not valid percent-encoding.");
  const signer = new SignatureV4({ credentials, region: claim.region, service: SIGNING_SERVICE, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: request.method, protocol: "http:", hostname: headers.host ?? "", path: pathOf(request.url), query, headers, body: request.body },
    { signingDate: claim.signingDate, signableHeaders: new Set(claim.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? "";
  if (!sameText(expected, claim.signature))
    return invalid(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method (`sagemaker-pipelines local credentials`).",
    );
  return undefined;
}

function pathOf(url: string): string {
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}

function parseQuery(url: string): Record<string, string | string[]> | undefined {
  const start = url.indexOf("?");
  const query: Record<string, string | string[]> = {};
  if (start === -1) return query;
  try {
    for (const pair of url.slice(start + 1).split("&")) {
      if (!pair) continue;
      const equals = pair.indexOf("=");
      const key = decodeURIComponent(equals === -1 ? pair : pair.slice(0, equals));
      const value = equals === -1 ? "" : decodeURIComponent(pair.slice(equals + 1));
      const previous = query[key];
      query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
  } catch {
    return undefined;
  }
  return query;
}

function formatAmzDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
