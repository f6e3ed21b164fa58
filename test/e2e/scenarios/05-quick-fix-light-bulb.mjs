// A quick fix applied from the light bulb: on the invalid `"ExpireAfter": "30 days"` of the mistakes file
// the light bulb offers "Change to 'P30D'" (the duration in words, written as ISO 8601); choosing it
// changes exactly that value, the error leaves the Problems panel and the step's cache lens follows.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const BEFORE = '"30 days"';
const AFTER = '"P30D"';
const FIX = "Change to 'P30D'";
const FIXED_CODE = "cache-expire-after-invalid";

export default {
  name: 'quick fix from the light bulb: ExpireAfter "30 days" becomes "P30D", the error goes',
  async run({ page, wb, fixtures, workspace, log, screenshot }) {
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    // The diagnostics are there first (the light bulb comes from them).
    await wb.waitForProblems(page, fixtures.MISTAKE_CODES.join(", "), (p) => fixtures.MISTAKE_CODES.every((code) => p.rows.some((r) => r.code === code)));

    // Cursor on the value; the light bulb shows a preferred fix; click it and choose the fix.
    const offered = await wb.lightBulbFixesAt(page, BEFORE, { autofix: true, choose: FIX });
    log(`light bulb offered: ${offered.join(" | ")}`);
    if (offered[0] !== FIX) throw new Error(`expected "${FIX}" as the first fix, the light bulb offered: ${offered.join(" | ")}`);

    // The editor shows the new value in place of the old one.
    const line = await wb.waitForEditorText(page, `"ExpireAfter": ${AFTER}`);
    log(`edited line: ${String(line).trim()}`);
    await wb.waitForEditorText(page, BEFORE, { gone: true });
    await screenshot("applied");

    // Saved, the file differs from the fixture by exactly that value.
    await wb.saveActiveEditor(page);
    const expected = fixtures.fixtureText(fixtures.MISTAKES_FILE).replace(BEFORE, AFTER);
    const saved = await wb.waitUntil(page, `${fixtures.MISTAKES_FILE} to be saved with the fix`, async () => {
      const text = readFileSync(join(workspace, fixtures.MISTAKES_FILE), "utf8");
      return text === expected ? text : { failed: firstDifference(text, expected) };
    });
    log(`saved: ${saved.length} characters, equal to the fixture with ${BEFORE} → ${AFTER}`);

    // The fixed diagnostic is gone; the two others stay.
    const remaining = fixtures.MISTAKE_CODES.filter((c) => c !== FIXED_CODE);
    const problems = await wb.waitForProblems(
      page,
      `only ${remaining.join(", ")}`,
      (p) => JSON.stringify(p.rows.map((r) => r.code).sort()) === JSON.stringify([...remaining].sort()),
    );
    for (const row of problems.rows) log(`still listed: ${row.code}`);
    const counts = await wb.waitUntil(page, `the status bar to count ${remaining.length} errors`, async () => {
      const c = await wb.statusBarProblemCounts(page);
      return c.errors === remaining.length ? c : { failed: c.label };
    });
    log(`status bar: ${counts.label}`);

    // The first step's cache lens now reads the duration.
    await wb.revealText(page, '"Prepare"');
    const lenses = await wb.waitForCodeLenses(page, ["Cache: on · 30 days"]);
    log(`lenses above Prepare: ${lenses.join(" | ")}`);
  },
};

function firstDifference(actual, expected) {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return `differs at offset ${i}: ${JSON.stringify(actual.slice(Math.max(0, i - 30), i + 30))} instead of ${JSON.stringify(expected.slice(Math.max(0, i - 30), i + 30))}`;
}
