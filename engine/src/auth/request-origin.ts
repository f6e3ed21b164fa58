import type { IncomingHttpHeaders } from "node:http";

/**
 * True when the request is addressed to the engine itself (`Host` is 127.0.0.1, localhost, [::1] or the bound
 * address, with the engine's port) and carries no `Origin` header. A web page that reaches the port after DNS
 * rebinding sends its own host name, and every browser request that could carry a body sends an `Origin`.
 */
export function isOwnAddressWithoutOrigin(headers: IncomingHttpHeaders, port: number, boundHost: string): boolean {
  if (headers.origin !== undefined) return false;
  const host = headers.host?.toLowerCase();
  if (!host) return false;
  const bound = boundHost.includes(":") ? `[${boundHost}]` : boundHost;
  return ["127.0.0.1", "localhost", "[::1]", bound.toLowerCase()].some((name) => host === `${name}:${port}`);
}
