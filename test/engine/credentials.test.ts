import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CREDENTIALS_FILE, LocalEngine, loadOrCreateCredentials } from "../../engine/src";
import { tempDir } from "../helpers/temp";
import { RecordingRunner } from "./helpers";

const mode = (path: string) => statSync(path).mode & 0o777;

test("credentials: made at first start, crypto-random, in a file only the user can read, in a folder only the user can enter", (t) => {
  const store = join(tempDir(t, "smp-key-"), "store");
  const engine = new LocalEngine({ root: store, runner: new RecordingRunner() });
  const { accessKeyId, secretAccessKey } = engine.credentials;
  assert.match(accessKeyId, /^AKIALOCAL[A-Z2-7]{11}$/);
  assert.match(secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
  assert.equal(mode(join(store, CREDENTIALS_FILE)), 0o600);
  assert.equal(mode(store), 0o700);
  const other = loadOrCreateCredentials(join(tempDir(t, "smp-key-"), "store"));
  assert.notEqual(other.accessKeyId, accessKeyId, "each store has its own pair");
  assert.notEqual(other.secretAccessKey, secretAccessKey);
});

test("credentials: the same pair across restarts; a file others could read is made private again", async (t) => {
  const store = tempDir(t, "smp-key-");
  const first = new LocalEngine({ root: store, runner: new RecordingRunner() });
  await first.close();
  chmodSync(join(store, CREDENTIALS_FILE), 0o644);
  chmodSync(store, 0o755);
  const second = new LocalEngine({ root: store, runner: new RecordingRunner() });
  assert.deepEqual(second.credentials, first.credentials);
  assert.equal(mode(join(store, CREDENTIALS_FILE)), 0o600);
  assert.equal(mode(store), 0o700);
});

test("credentials: a damaged file is an error that says what to do, never a silently new key", (t) => {
  const store = tempDir(t, "smp-key-");
  writeFileSync(join(store, CREDENTIALS_FILE), "{not json", { mode: 0o600 });
  assert.throws(() => loadOrCreateCredentials(store), /credentials file .* is not valid: delete it/);
});
