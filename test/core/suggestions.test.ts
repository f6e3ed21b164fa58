import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../core/src/analyze";
import { codeActions } from "../../core/src/features/code-actions";
import { PipelineDocument } from "../../core/src/features/document";
import { NameIndex, PER_ANALYSIS, PER_NAME, nearest, newBudget, suggestionWork } from "../../core/src/suggestions";
import { generateAdversarial, type AdversarialKind } from "../helpers/generate-adversarial";
import { generatePipelineText } from "../helpers/generate-pipeline";

/** Distance computations made by `run`. */
function distances(run: () => void): number {
  const before = suggestionWork.distances;
  run();
  return suggestionWork.distances - before;
}

for (const kind of ["depends-on", "get-step", "get-parameter", "unknown-outputs"] as AdversarialKind[]) {
  test(`suggestions are linear: ${kind}, 1,000 and 8,000 unknown names (distance computations counted)`, () => {
    const counts = [1_000, 8_000].map((n) => {
      const text = generateAdversarial(n, kind);
      let unknown = 0;
      const count = distances(() => {
        unknown = analyze(text).diagnostics.filter((d) => /unknown/.test(d.code)).length;
      });
      assert.equal(unknown, n, "every unknown name is reported");
      return { n, count };
    });
    for (const { n, count } of counts) {
      // Before the change: every unknown name against every name, n² (64,000,000 for 8,000).
      assert.ok(count <= PER_ANALYSIS, `${count} computations for ${n} unknown names: more than the analysis' budget`);
      assert.ok(count <= PER_NAME * n, `${count} computations for ${n} unknown names`);
    }
    assert.ok(counts[1].count <= 8 * counts[0].count + 1, `${counts[0].count} for 1,000 but ${counts[1].count} for 8,000: not linear`);
  });
}

test("without a budget, one name is compared with at most PER_NAME options, and a repeated name is ranked once", () => {
  const names = Array.from({ length: 5_000 }, (_, i) => `Step${i}`);
  const index = new NameIndex(names);
  assert.ok(distances(() => index.nearest("Stepx12")) <= PER_NAME);
  assert.equal(
    distances(() => index.nearest("Stepx12")),
    0,
  );
});

test("a spent budget omits suggestions rather than computing more", () => {
  const budget = newBudget(2);
  const index = new NameIndex(["Train", "Trains", "Evaluate", "Register"], budget);
  assert.deepEqual(
    index.nearest("Trian").map((s) => s.name),
    ["Train"],
  );
  assert.equal(budget.remaining, 0);
  assert.deepEqual(index.nearest("Evalute"), []);
});

test("ordinary typos still get their suggestion, in a small pipeline and among 1,500 generated steps", () => {
  assert.deepEqual(
    nearest("Trian", ["Prep", "Train", "Evaluate"]).map((s) => s.name),
    ["Train"],
  );
  assert.deepEqual(
    nearest("evaluate", ["Prep", "Train", "Evaluate"]).map((s) => s.name),
    ["Evaluate"],
  );
  const big = JSON.parse(generatePipelineText(1_500)) as { Steps: Array<{ Name: string; DependsOn?: string[] }> };
  const typo = big.Steps[700].Name.replace(/^(.)(.)/, "$2$1"); // "rPep47": first two letters swapped
  big.Steps[0].DependsOn = [typo];
  const found = analyze(JSON.stringify(big)).diagnostics.find((d) => d.code === "depends-on-unknown-step");
  assert.ok(found, "the typo is reported");
  assert.equal(found.data?.suggestion, big.Steps[700].Name);
  assert.match(found.message, new RegExp(`Did you mean '${big.Steps[700].Name}'\\?`));
});

test("long names are matched as prefixes only, never by a quadratic distance", () => {
  const long = "A".repeat(5_000);
  assert.equal(
    distances(() => nearest(`${long}B`, [long, `${long}C`])),
    0,
  );
  assert.ok(nearest(`${long}B`, [long])[0]?.name === long, "a long name that extends an option is close to it");
  assert.ok(nearest(long, [`${long}B`])[0]?.name === `${long}B`, "a long name that an option extends is close to it");
});

test("a message lists at most 20 declared names, however many the step declares", () => {
  const text = generateAdversarial(100, "unknown-outputs");
  const found = analyze(text).diagnostics.filter((d) => d.code === "reference-unknown-output");
  assert.equal(found.length, 100);
  assert.match(found[0].message, /'out19' and 80 more\.$/);
});

test("quick fixes for 4,000 diagnostics at once: each is matched by index, not by scanning the others", () => {
  const document = new PipelineDocument(generateAdversarial(4_000, "depends-on"));
  const sent = document.analysis.diagnostics
    .filter((d) => d.code === "depends-on-unknown-step")
    .map((d) => ({ range: document.rangeOf(d.start, d.end), code: d.code, source: "sagemaker-pipelines", message: d.message, data: d.data }));
  assert.equal(sent.length, 4_000);
  let actions: ReturnType<typeof codeActions> = [];
  const count = distances(() => (actions = codeActions(document, "file:///p.pipeline.json", sent)));
  assert.ok(actions.length > 0);
  // Before: each fix indexed all 4,000 names again and compared them all (16,000,000); now at most PER_NAME each.
  assert.ok(count <= PER_NAME * sent.length, `${count} distance computations for ${sent.length} quick fixes`);
});
