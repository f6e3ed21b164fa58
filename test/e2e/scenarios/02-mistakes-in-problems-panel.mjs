// Open a definition with mistakes: the Problems panel lists each expected rule code, as an error from
// the extension's source, and the status bar counts them.
export default {
  name: "open a definition with mistakes: the Problems panel lists the rule codes",
  async run({ page, wb, fixtures, log }) {
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);
    const problems = await wb.waitForProblems(page, fixtures.MISTAKE_CODES.join(", "), (p) =>
      fixtures.MISTAKE_CODES.every((code) => p.rows.some((r) => r.code === code)),
    );
    for (const row of problems.rows) log(`${row.severity} ${row.source}(${row.code}): ${row.text.slice(0, 90)}`);
    const codes = problems.rows.map((r) => r.code).sort();
    if (JSON.stringify(codes) !== JSON.stringify([...fixtures.MISTAKE_CODES].sort())) {
      throw new Error(`expected exactly ${fixtures.MISTAKE_CODES.join(", ")}; the panel lists ${codes.join(", ")}`);
    }
    for (const row of problems.rows) {
      if (row.severity !== "error") throw new Error(`${row.code} is shown as "${row.severity}", expected an error`);
      if (row.source !== "sagemaker-pipelines") throw new Error(`${row.code} comes from "${row.source}", expected sagemaker-pipelines`);
    }
    const dependsOn = problems.rows.find((r) => r.code === "depends-on-unknown-step");
    if (!dependsOn.text.includes("Preprocess")) throw new Error(`depends-on-unknown-step does not name the unknown step: ${dependsOn.text}`);
    const counts = await wb.statusBarProblemCounts(page);
    if (counts.errors !== fixtures.MISTAKE_CODES.length)
      throw new Error(`the status bar counts ${counts.errors} error(s), expected ${fixtures.MISTAKE_CODES.length} (${counts.label})`);
  },
};
