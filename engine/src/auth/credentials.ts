import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The local engine's own key pair: clients sign requests with it (AWS Signature Version 4), as they do for AWS. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The file, in the store folder, that holds the key pair; readable by the user only (0600, folder 0700). */
export const CREDENTIALS_FILE = "credentials.json";

/** Access key ids of the local engine start with this, so that nobody mistakes one for an AWS key. */
export const LOCAL_ACCESS_KEY_PREFIX = "AKIALOCAL";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** The store's key pair, created (crypto-random) on first use; the same pair on every later start. */
export function loadOrCreateCredentials(storeDir: string): LocalCredentials {
  const root = resolve(storeDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const file = join(root, CREDENTIALS_FILE);
  const existing = readCredentials(file);
  if (existing) return existing;
  // Written under a private name and linked into place: two engines starting at once agree on one pair.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(generateCredentials(), null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const created = readCredentials(file);
  if (!created) throw new Error(`The local engine's credentials file ${file} could not be created.`);
  return created;
}

/** The key pair in the store, or undefined when there is none yet (never creates one). */
export function readCredentials(file: string): LocalCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let value: Partial<LocalCredentials> | undefined;
  try {
    value = JSON.parse(text) as Partial<LocalCredentials>;
  } catch {
    value = undefined;
  }
  if (typeof value?.accessKeyId !== "string" || typeof value.secretAccessKey !== "string" || !value.accessKeyId || !value.secretAccessKey)
    throw new Error(`The local engine's credentials file ${file} is not valid: delete it to make a new key pair.`);
  return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey };
}

function generateCredentials(): LocalCredentials {
  const idBytes = randomBytes(20 - LOCAL_ACCESS_KEY_PREFIX.length);
  const accessKeyId = LOCAL_ACCESS_KEY_PREFIX + [...idBytes].map((byte) => BASE32[byte % 32]).join("");
  return { accessKeyId, secretAccessKey: randomBytes(30).toString("base64") };
}
