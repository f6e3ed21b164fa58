// Hovers in the mistakes file, read from the rendered hover widget: a step's name shows the step at a
// glance (type, DAG neighbours, cache, cache key, retries), the invalid ExpireAfter value says why it is
// invalid and how to write a duration, and the unknown DependsOn entry says that no step has that name.
export default {
  name: "hovers: a step name, an invalid ExpireAfter value, an unknown DependsOn step",
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);

    // The step name where the step is defined (the first "Prepare" of the file is its Name).
    const step = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Step Prepare · Processing", log }));
    log(`hover on "Prepare": ${step.join(" ⏎ ")}`);
    expectLines(step, "the hover on the step name", [
      "Step Prepare · Processing",
      "Upstream: none",
      "Downstream: Train (Get)",
      "Cache: on · invalid ExpireAfter",
      "Cache key: AppSpecification, Environment, ProcessingInputs",
      "Retry: none",
    ]);
    await screenshot("step-name");

    // The invalid ExpireAfter value (the hover also carries the diagnostic's message).
    const expireAfter = lines(await wb.hoverAtText(page, '"30 days"', { expect: "is not a valid duration", log }));
    log(`hover on "30 days": ${expireAfter.join(" ⏎ ")}`);
    expectLines(expireAfter, "the hover on the ExpireAfter value", [
      "ExpireAfter 30 days is not a valid duration.",
      /^Write an ISO 8601 duration: years Y, months M, weeks W, days D, then T and hours H, minutes M, seconds S\. Examples: PT1H \(1 hour\), P30D \(30 days\), P4DT12H \(4 days and 12 hours\)\./,
    ]);
    await screenshot("expire-after");

    // A DependsOn entry naming no step.
    const unknown = lines(await wb.hoverAtText(page, '"Preprocess"', { expect: "Unknown step", log }));
    log(`hover on "Preprocess": ${unknown.join(" ⏎ ")}`);
    expectLines(unknown, "the hover on the unknown DependsOn step", ["Unknown step Preprocess: no step of this pipeline has this name."]);
  },
};

/** The hover's text as trimmed, non-empty lines. */
function lines(text) {
  return text
    .split("\n")
    .map((l) => l.replace(/\u00a0/g, " ").trim())
    .filter(Boolean);
}

/** Every expected entry (string: a whole line; RegExp: matches a line) is among `actual`. */
function expectLines(actual, what, expected) {
  const missing = expected.filter((e) => !actual.some((line) => (e instanceof RegExp ? e.test(line) : line === e)));
  if (missing.length) throw new Error(`${what} lacks ${missing.map(String).join(" || ")}; it shows: ${actual.join(" ⏎ ")}`);
}
