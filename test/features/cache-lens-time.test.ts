// Time-true cache texts: with ExpireAfter PT1M the lens says `hit … expires in 57 s` right after a run, and turns to
// `expired` without an edit, because the server's timer asks for a refresh at the expiry. The server's pieces run in
// process (the language service, the cache contexts, the refresh timer) with a fake clock, wired as server.ts wires them.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { CodeLens, MarkupContent } from "vscode-languageserver-types";
import { CacheContexts } from "../../server/src/cache-contexts";
import { TimeRefresh } from "../../server/src/time-refresh";
import { FakeClock } from "../helpers/fake-clock";
import { recordedService } from "../helpers/language-service";
import { corpusDefinition, edited, execution, stepOf } from "../core/cache/history-helpers";

const T0 = Date.parse("2026-01-01T09:00:00Z");
const CACHED = ["Abalone-Preprocess", "Abalone-Train", "Abalone-Evaluate"];
const text = edited(corpusDefinition("aws-examples_ml-ops_selective-execution.json"), (d) => {
  for (const name of CACHED) stepOf(d, name).CacheConfig = { Enabled: true, ExpireAfter: "PT1M" };
});
const uri = "file:///tmp/clock.pipeline.json";

function setup() {
  const { service, recorder } = recordedService();
  const clock = new FakeClock(T0 + 3_000);
  const contexts = new CacheContexts();
  contexts.set({ uri, executions: [execution("gtnupsutzict", text, new Date(T0).toISOString(), { stepNames: CACHED })], parameters: {} });
  const document = service.parseDocument(text, { uri });
  /** What the editor shows: the lens titles it got last, and when each refresh was asked for. */
  const shown: { train?: string; refreshes: number[] } = { refreshes: [] };
  const codeLensRequest = () => {
    const now = new Date(clock.now());
    const lenses: CodeLens[] = service.codeLenses(document, uri, { now, cacheTitle: contexts.lensTitle(uri, document, now) });
    refresh.schedule(uri, contexts.nextLensChange(uri, document, now));
    shown.train = trainCacheTitle(lenses);
    return lenses;
  };
  // The client answers workspace/codeLens/refresh by asking for the lenses again.
  const refresh = new TimeRefresh(() => {
    shown.refreshes.push(clock.now() - T0);
    codeLensRequest();
  }, clock);
  const hover = () => {
    const offset = text.indexOf('"Name": "Abalone-Train"') + '"Name": "'.length + 1;
    const before = text.slice(0, offset).split("\n");
    const position = { line: before.length - 1, character: before.at(-1)!.length };
    const result = service.hover(document, uri, position, contexts.hoverMarkdown(uri, document, new Date(clock.now())));
    return (result?.contents as MarkupContent).value;
  };
  return { clock, refresh, shown, codeLensRequest, hover, recorder };
}

function trainCacheTitle(lenses: CodeLens[]): string | undefined {
  const lens = lenses.find((l) => l.command?.title.startsWith("Cache:") && l.command.arguments?.[1] === "Abalone-Train");
  return lens?.command?.title;
}

test("cache lens: hit … expires in 57 s turns to expired at the expiry, without an edit; the hover says the same", () => {
  const { clock, refresh, shown, codeLensRequest, hover } = setup();
  codeLensRequest();
  assert.equal(shown.train, "Cache: hit (from gtnupsutzict, expires in 57 s)");
  assert.match(hover(), /expires in 57 s/);

  clock.advanceTo(T0 + 100_000);
  assert.equal(shown.train, "Cache: expired (40 s ago)");
  assert.match(hover(), /\*\*Cache: expired\*\*.*it expired 40 s ago/);
  // A refresh at each second the `expires in` text changed (1 ms after it: 57 s left is still `57 s`), the expiry
  // itself (1 ms after the minute), then each second of `expired … ago`.
  assert.deepEqual(shown.refreshes.slice(0, 3), [3_001, 4_001, 5_001]);
  assert.ok(shown.refreshes.includes(60_001), `no refresh at the expiry: ${shown.refreshes.join(", ")}`);
  assert.equal(new Set(shown.refreshes).size, shown.refreshes.length);
  refresh.dispose();
  assert.equal(clock.pending, 0);
});

test("cache lens: before the timer fires the texts hold; a hover asked at any time is computed with the time asked", () => {
  const { clock, refresh, shown, codeLensRequest, hover } = setup();
  codeLensRequest();
  clock.advanceTo(T0 + 3_000); // no text changes before 3 s + 1 ms
  assert.deepEqual(shown.refreshes, []);
  refresh.cancel(uri); // e.g. the lenses are switched off: the lens stays as it was, but a hover is still current
  clock.advanceTo(T0 + 100_000);
  assert.equal(shown.train, "Cache: hit (from gtnupsutzict, expires in 57 s)");
  assert.match(hover(), /it expired 40 s ago/);
});
