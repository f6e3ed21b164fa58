import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Stand-in (replaced by the request-authentication work at merge): the store's local key pair, in its own 0600 file
 * `<store>/credentials.json`, created on first use. The endpoint file never holds it.
 */
export function loadOrCreateCredentials(storeDir: string): { accessKeyId: string; secretAccessKey: string } {
  const path = join(storeDir, "credentials.json");
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as { accessKeyId?: unknown; secretAccessKey?: unknown };
    if (typeof stored.accessKeyId === "string" && typeof stored.secretAccessKey === "string") {
      return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
    }
  } catch {
    // missing or unreadable: a new pair below
  }
  mkdirSync(storeDir, { recursive: true });
  const credentials = { accessKeyId: `LOCAL${randomBytes(8).toString("hex").toUpperCase()}`, secretAccessKey: randomBytes(30).toString("base64") };
  writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 });
  chmodSync(path, 0o600);
  return credentials;
}
