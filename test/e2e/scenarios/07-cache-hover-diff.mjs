// Cache insight in the editor, against a real run on the local engine (cached.json: Prepare caches for a day,
// its Environment is in the cache key). Before any run: the static lens `Cache: on · 1 day`, the hover says
// there are no runs yet (said once, first), and the Reference lens says none yet. ▶ Run pipeline → name → confirmation → Run → Succeeded; the lens becomes
// `Cache: hit (from <id>, …)`. Edit Environment.MODE "a" → "b" in the editor: the lens says `Cache: miss (1 key
// change)`, the hover on the step name says miss and lists `Environment.MODE: "a" → "b"`. Undo: hit again, naming
// the execution (on the name and on CacheConfig). Edit InstanceType (not in the key): still a hit, the hover lists
// the change as not a cache-key attribute.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export default {
  name: "cache insight: the hover and lens of a step say hit or miss after a run, with the cache-key diff of an edit",
  timeoutMs: 90_000,
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    const pipeline = fixtures.CACHED_FILE.replace(/\.json$/, "");
    await wb.openFile(page, fixtures.CACHED_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);

    // ---- Before any execution: the static lens, and the hover has nothing to compare with. ----
    const before = await wb.waitForCodeLenses(page, ["▶ Run pipeline", "Cache: on · 1 day"]);
    log(`lenses before the run: ${before.join(" | ")}`);
    const none = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Cache: no runs yet", log }));
    log(`hover on "Prepare" before the run: ${none.join(" ⏎ ")}`);
    expectFirst(
      none,
      "the hover on the step name before any run",
      /^Cache: no runs yet: this pipeline has no finished execution to compare with, so the step runs\.$/,
    );
    expectLines(none, "the hover on the step name before any run", ["Step Prepare · Processing"]);
    const noneLenses = await wb.waitForCodeLenses(page, ["Reference: none yet"]);
    log(`lenses before the run, with the (empty) history: ${noneLenses.join(" | ")}`);

    // ---- The whole pipeline, as in scenario 06. ----
    await wb.clickCodeLens(page, "▶ Run pipeline");
    const name = await wb.waitForInputBox(page, "Pipeline name");
    if (name.value !== pipeline) throw new Error(`expected the pipeline name "${pipeline}" (from the file name), the input box offers "${name.value}"`);
    await wb.acceptInputBox(page);
    const confirm = await wb.waitForRunPlan(page, { expect: /^Run the whole pipeline/ });
    log(`Run Plan: ${wb.describeRunPlan(confirm)}`);
    expectLines([`Run: ${confirm.facts.Run}`, ...confirm.rows.map((r) => `${r.step}: ${r.text}`)], "the Run Plan", [
      "Run: the whole pipeline",
      "Prepare: run",
      "Report: run",
    ]);
    await wb.clickRunPlanButton(page, "Run");
    const first = await finished(page, wb, pipeline, workspace);
    log(`notification: ${first.message}`);
    await wb.clearNotifications(page);

    // After the run ends, the client fetches the executions again: the lens compares with the run.
    const hitLens = new RegExp(`^Cache: hit \\(from ${first.id}, expires in (23|24) h\\)$`);
    const afterRun = await wb.waitForCodeLenses(page, [hitLens]);
    log(`lenses after the run: ${afterRun.join(" | ")}`);

    // ---- A cache-key edit: Environment.MODE "a" → "b", typed in the editor. ----
    const edit = await wb.replaceText(page, '"MODE": "a"', '"MODE": "b"');
    log(`edited line ${edit.line}: ${edit.before.trim()} → ${edit.after.trim()}`);
    const missLenses = await wb.waitForCodeLenses(page, ["Cache: miss (1 key change)"]);
    log(`lenses after the edit: ${missLenses.join(" | ")}`);
    const miss = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Cache: miss", log }));
    log(`hover on "Prepare" after the edit: ${miss.join(" ⏎ ")}`);
    // The answer first: the verdict and the key change that causes it, then the step's details.
    expectFirst(
      miss,
      "the hover on the step name after a cache-key edit",
      new RegExp(
        `^Cache: miss: the step runs again\\. Cache-key changes since execution ${first.id} \\(ended \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, \\d+ (s|min) ago\\):$`,
      ),
    );
    if (miss[1] !== 'Environment.MODE: "a" → "b"') throw new Error(`the key change is not right below the verdict: ${miss.join(" ⏎ ")}`);
    expectLines(miss, "the hover on the step name after a cache-key edit", ["Step Prepare · Processing"]);
    if (miss.some((l) => /^Cache: hit/.test(l))) throw new Error(`the hover says hit and miss: ${miss.join(" ⏎ ")}`);
    await screenshot("miss-hover");

    // ---- Undo: the text of the run again, so a hit from that execution. ----
    await wb.undo(page);
    await wb.waitForEditorText(page, '"Environment": { "MODE": "a" }');
    const hitAgain = await wb.waitForCodeLenses(page, [hitLens]);
    log(`lenses after undo: ${hitAgain.join(" | ")}`);
    const hitText = new RegExp(
      `^Cache: hit: the next run reuses this step's run in execution ${first.id} \\(ended [^)]*, \\d+ (s|min) ago\\) instead of running it\\. The cached result expires in (23|24) h \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)\\.$`,
    );
    const hit = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Cache: hit", log }));
    log(`hover on "Prepare" after undo: ${hit.join(" ⏎ ")}`);
    expectFirst(hit, "the hover on the step name after undo", hitText);
    expectLines(hit, "the hover on the step name after undo", ["Step Prepare · Processing"]);
    if (hit.some((l) => /^Cache: miss|^Cache-key changes|^Changes outside the cache key/.test(l)))
      throw new Error(`the hover after undo still shows changes: ${hit.join(" ⏎ ")}`);
    const onCacheConfig = lines(await wb.hoverAtText(page, '"CacheConfig"', { expect: "Cache: hit", log }));
    log(`hover on "CacheConfig": ${onCacheConfig.join(" ⏎ ")}`);
    expectLines(onCacheConfig, "the hover on CacheConfig", [hitText]);

    // ---- An edit outside the cache key: the instance type. Still a hit, and the hover says why. ----
    const other = await wb.replaceText(page, '"InstanceType": "ml.t3.medium"', '"InstanceType": "ml.m5.large"');
    log(`edited line ${other.line}: ${other.before.trim()} → ${other.after.trim()}`);
    const nonKey = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Changes outside the cache key", log }));
    log(`hover on "Prepare" after the non-key edit: ${nonKey.join(" ⏎ ")}`);
    expectLines(nonKey, "the hover on the step name after a non-key edit", [
      hitText,
      "Changes outside the cache key:",
      'ProcessingResources.ClusterConfig.InstanceType: "ml.t3.medium" → "ml.m5.large": not a cache-key attribute: the step will NOT re-run; disable caching to force it',
    ]);
    const lenses = await wb.waitForCodeLenses(page, [hitLens]);
    log(`lenses after the non-key edit: ${lenses.join(" | ")}`);
    await wb.undo(page);
    await wb.waitForEditorText(page, '"InstanceType": "ml.t3.medium"');
  },
};

/** Waits for the outcome notification of an execution of `pipeline`; throws with the step logs unless it succeeded. */
async function finished(page, wb, pipeline, workspace) {
  const pattern = new RegExp(`^Execution (\\S+) of ${pipeline}: (\\w+)`);
  const message = await wb.waitForNotification(page, pattern, { timeoutMs: 60_000 });
  const [, id, status] = pattern.exec(message);
  if (status !== "Succeeded") {
    const folder = join(workspace, ".sagemaker-pipelines", "local", "executions", id, "steps");
    const logs = ["Prepare", "Report"]
      .map((s) => join(folder, s, "log.txt"))
      .filter(existsSync)
      .map((f) => `${f}:\n${readFileSync(f, "utf8").slice(-800)}`);
    throw new Error(`execution ${id} of ${pipeline} did not succeed: ${message}\n${logs.join("\n")}`);
  }
  return { message, id };
}

/** The hover's text as trimmed, non-empty lines. */
function lines(text) {
  return text
    .split("\n")
    .map((l) => l.replace(/\u00a0/g, " ").trim())
    .filter(Boolean);
}

/** The hover's first line matches `expected`: the answer leads. */
function expectFirst(actual, what, expected) {
  if (!expected.test(actual[0] ?? "")) throw new Error(`${what} starts with "${actual[0]}", expected ${expected}; it shows: ${actual.join(" ⏎ ")}`);
}

/** Every expected entry (string: a whole line; RegExp: matches a line) is among `actual`. */
function expectLines(actual, what, expected) {
  const missing = expected.filter((e) => !actual.some((line) => (e instanceof RegExp ? e.test(line) : line === e)));
  if (missing.length) throw new Error(`${what} lacks ${missing.map(String).join(" || ")}; it shows: ${actual.join(" ⏎ ")}`);
}
