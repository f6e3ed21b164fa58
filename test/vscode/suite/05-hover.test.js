// In-host: vscode.executeHoverProvider on step names (where defined and where used) and ExpireAfter values.
"use strict";
const assert = require("node:assert/strict");
const { vscode, fixtures, waitFor, openPipelineFile, positionOf, markdownOf } = require("./helpers");

/**
 * The hovers at `position`, once the language server answers: [{ markdown, hovered }] (hovered = the text of the range).
 * `ready`: a condition on the markdown to wait for (the cache verdict arrives once the client has sent the executions).
 */
async function hoversAt(document, position, ready = () => true) {
  const hovers = await waitFor(`a hover at ${position.line + 1}:${position.character + 1}`, async () => {
    const list = await vscode.commands.executeCommand("vscode.executeHoverProvider", document.uri, position);
    return list && list.length > 0 && ready(list.map((h) => h.contents.map(markdownOf).join("\n\n")).join("\n")) ? list : undefined;
  });
  return hovers.map((h) => ({ markdown: h.contents.map(markdownOf).join("\n\n"), hovered: h.range ? document.getText(h.range) : undefined }));
}

/** The one hover at `position`. */
async function hoverAt(document, position, ready) {
  const hovers = await hoversAt(document, position, ready);
  assert.equal(hovers.length, 1, `one hover expected, got: ${JSON.stringify(hovers)}`);
  return hovers[0];
}

/** The cache verdict that ends hovers on a step's name and CacheConfig, when the pipeline has no executions yet. */
const NO_RUNS = "---\n\n**Cache: no runs yet**: No executions of this pipeline yet: nothing to compare with. The step runs.";
const INVALID_EXPIRY = "ExpireAfter '30 days' is not a duration: treated as no expiry.";
const withVerdict = (markdown) => markdown.includes("**Cache: ");

const PROCESSING_CACHE_KEY = "- Cache key: `AppSpecification`, `Environment`, `ProcessingInputs`";

const DURATION_SYNTAX =
  "Write an ISO 8601 duration: years `Y`, months `M`, weeks `W`, days `D`, then `T` and hours `H`, minutes `M`, seconds `S`. " +
  "Examples: `PT1H` (1 hour), `P30D` (30 days), `P4DT12H` (4 days and 12 hours). " +
  "The leading `P` and upper case are optional (`30d`, `T16m`, `30dT5h`); `M` before `T` is months, after `T` minutes.";

suite("hover", () => {
  test("a step's Name shows the step: type, DAG neighbours, cache, cache key, retries, and the cache verdict", async () => {
    const { document } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const hover = await hoverAt(document, positionOf(document, '"Prepare"', 3), withVerdict);
    assert.equal(hover.hovered, "Prepare");
    assert.equal(
      hover.markdown,
      [
        "**Step** `Prepare` · Processing",
        "",
        "- Upstream: none",
        "- Downstream: `Train` (Get)",
        "- Cache: on · invalid ExpireAfter",
        PROCESSING_CACHE_KEY,
        "- Retry: none",
        "",
        NO_RUNS,
        "",
        INVALID_EXPIRY,
      ].join("\n"),
    );
  });

  test("a step name where it is used (DependsOn, Get) also says where the step is defined", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const expected = [
      "**Step** `Prepare` · Processing",
      "",
      "- Upstream: none",
      "- Downstream: `Train` (DependsOn, Get), `Evaluate` (Get)",
      "- Cache: on · 30 days (P30D)",
      PROCESSING_CACHE_KEY,
      "- Retry: none",
      "",
      `Defined on line ${positionOf(document, '"Prepare"').line + 1}.`,
    ].join("\n");
    const inDependsOn = await hoverAt(document, positionOf(document, '"DependsOn": ["Prepare"]', 16));
    assert.equal(inDependsOn.hovered, "Prepare");
    assert.equal(inDependsOn.markdown, expected);
    const inGet = await hoverAt(document, positionOf(document, "Steps.Prepare.", 8));
    assert.equal(inGet.hovered, "Prepare");
    assert.equal(inGet.markdown, expected);
  });

  test("an unknown DependsOn step says that no step has this name", async () => {
    const { document } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const hover = await hoverAt(document, positionOf(document, '"Preprocess"', 4));
    assert.equal(hover.hovered, "Preprocess");
    assert.equal(hover.markdown, "Unknown step `Preprocess`: no step of this pipeline has this name.");
  });

  test("an invalid ExpireAfter value says so and how to write a duration", async () => {
    const { document } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const hover = await hoverAt(document, positionOf(document, '"30 days"', 2), withVerdict);
    assert.equal(hover.hovered, '"30 days"');
    assert.equal(hover.markdown, `**ExpireAfter** \`30 days\` is not a valid duration.\n\n${DURATION_SYNTAX}\n\n${NO_RUNS}\n\n${INVALID_EXPIRY}`);
  });

  test("a valid ExpireAfter value in words, its canonical form and its effect", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    const hover = await hoverAt(document, positionOf(document, '"P30D"', 2), withVerdict);
    assert.equal(hover.hovered, '"P30D"');
    assert.equal(
      hover.markdown,
      [
        "**ExpireAfter** `P30D`: 30 days",
        "Canonical ISO 8601 form.",
        "A successful earlier run of this step younger than 30 days is reused when its cache-key attributes are unchanged.",
        NO_RUNS,
      ].join("\n\n"),
    );
  });
});
