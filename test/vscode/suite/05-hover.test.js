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

/** The cache verdict that starts hovers on a step's name and CacheConfig, when the pipeline has no executions yet: said once. */
const NO_RUNS = "**Cache: no runs yet**: this pipeline has no finished execution to compare with, so the step runs.\n\n---";
const withVerdict = (markdown) => markdown.includes("**Cache: ");

const PROCESSING_CACHE_KEY = "- Cache key: `AppSpecification`, `Environment`, `ProcessingInputs`";

/** What an invalid ExpireAfter does, as the value's hover says it (its diagnostic says what is wrong, in the same hover widget). */
const INVALID_CONSEQUENCE =
  "The editor and the CLI do not send a definition with errors, and the local engine refuses it (ValidationException at CreatePipeline). " +
  "What the SageMaker service does with such a value is not known (the SageMaker SDK sends it unchecked).";

suite("hover", () => {
  test("a step's Name leads with the cache verdict, then the step: type, DAG neighbours, cache, cache key, retries", async () => {
    const { document } = await openPipelineFile(fixtures.MISTAKES_FILE);
    const hover = await hoverAt(document, positionOf(document, '"Prepare"', 3), withVerdict);
    assert.equal(hover.hovered, "Prepare");
    assert.equal(
      hover.markdown,
      [
        NO_RUNS,
        "",
        "**Step** `Prepare` · Processing",
        "",
        "- Upstream: none",
        "- Downstream: `Train` (Get)",
        "- Cache: on · ExpireAfter is not a valid duration, so the definition does not run until it is fixed",
        PROCESSING_CACHE_KEY,
        "- Retry: none",
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

  test("an invalid ExpireAfter value says what happens to it, once, and not 'treated as no expiry'", async () => {
    const { document } = await openPipelineFile(fixtures.MISTAKES_FILE);
    // Once the step hover has its verdict, the cache context has arrived: the value's hover still has none.
    await hoverAt(document, positionOf(document, '"Prepare"', 3), withVerdict);
    const hover = await hoverAt(document, positionOf(document, '"30 days"', 2));
    assert.equal(hover.hovered, '"30 days"');
    assert.equal(
      hover.markdown,
      [
        "**ExpireAfter** `30 days`: the definition does not run until this value is fixed.",
        INVALID_CONSEQUENCE,
        "As a duration: `P30D` (30 days), which the quick fix writes.",
      ].join("\n\n"),
    );
  });

  test("a valid ExpireAfter value: the duration only (words, canonical form, effect), no verdict", async () => {
    const { document } = await openPipelineFile(fixtures.REFERENCES_FILE);
    await hoverAt(document, positionOf(document, '"Prepare"', 3), withVerdict);
    const hover = await hoverAt(document, positionOf(document, '"P30D"', 2));
    assert.equal(hover.hovered, '"P30D"');
    assert.equal(
      hover.markdown,
      [
        "**ExpireAfter** `P30D`: 30 days",
        "Canonical ISO 8601 form.",
        "A successful earlier run of this step younger than 30 days is reused when its cache-key attributes are unchanged.",
      ].join("\n\n"),
    );
  });
});
