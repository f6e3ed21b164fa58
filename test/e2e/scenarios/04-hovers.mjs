// Hovers in the mistakes file, read from the rendered hover widget: a step's name leads with the cache verdict, then
// shows the step at a glance (type, DAG neighbours, cache, cache key, retries); the invalid ExpireAfter value's hover
// says what happens to it (its diagnostic, in the same widget, says why it is invalid, once); the unknown DependsOn
// entry says that no step has that name.
export default {
  name: "hovers: a step name, an invalid ExpireAfter value, an unknown DependsOn step",
  async run({ page, wb, fixtures, log, screenshot }) {
    await wb.openFile(page, fixtures.MISTAKES_FILE);
    await wb.waitForLanguageMode(page, fixtures.LANGUAGE_NAME);

    // The step name where the step is defined (the first "Prepare" of the file is its Name): the answer first (the
    // cache verdict: no runs yet, said once), then the step at a glance.
    const step = lines(await wb.hoverAtText(page, '"Prepare"', { expect: "Step Prepare · Processing", log }));
    log(`hover on "Prepare": ${step.join(" ⏎ ")}`);
    expectFirst(step, "the hover on the step name", "Cache: no runs yet: this pipeline has no finished execution to compare with, so the step runs.");
    expectLines(step, "the hover on the step name", [
      "Step Prepare · Processing",
      "Upstream: none",
      "Downstream: Train (Get)",
      "Cache: on · ExpireAfter is not a valid duration, so the definition does not run until it is fixed",
      "Cache key: AppSpecification, Environment, ProcessingInputs",
      "Retry: none",
    ]);
    expectOnce(step, "the hover on the step name", /no runs yet|no finished execution/);
    expectOnce(step, "the hover on the step name", /ExpireAfter/);
    await screenshot("step-name");

    // The invalid ExpireAfter value: the diagnostic's message (shown in the same widget) says what is wrong, once; the
    // hover says what happens to such a value, and nothing about the step's verdict.
    const expireAfter = lines(await wb.hoverAtText(page, '"30 days"', { expect: "does not run until this value is fixed", log }));
    log(`hover on "30 days": ${expireAfter.join(" ⏎ ")}`);
    expectLines(expireAfter, "the hover on the ExpireAfter value", [
      /^ExpireAfter "30 days" is not an ISO 8601 duration\. Write years, months, weeks, days, then T and hours, minutes, seconds/,
      "ExpireAfter 30 days: the definition does not run until this value is fixed.",
      /^The editor and the CLI do not send a definition with errors, and the local engine refuses it \(ValidationException at CreatePipeline\)\. What the SageMaker service does with such a value is not known/,
      "As a duration: P30D (30 days), which the quick fix writes.",
    ]);
    expectOnce(expireAfter, "the hover on the ExpireAfter value", /not an ISO 8601 duration|not a valid duration|not a duration/);
    const wrong = expireAfter.filter((l) => /no expiry|^Cache: |^Upstream/.test(l));
    if (wrong.length) throw new Error(`the ExpireAfter hover says ${wrong.join(" ⏎ ")}`);
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

/** The hover's first line is `expected`: the answer leads. */
function expectFirst(actual, what, expected) {
  if (actual[0] !== expected) throw new Error(`${what} starts with "${actual[0]}", expected "${expected}"; it shows: ${actual.join(" ⏎ ")}`);
}

/** Exactly one line matches `pattern`: each thing is said once. */
function expectOnce(actual, what, pattern) {
  const matching = actual.filter((line) => pattern.test(line));
  if (matching.length !== 1) throw new Error(`${what}: ${matching.length} lines match ${pattern}, expected 1: ${matching.join(" ⏎ ")}`);
}

/** Every expected entry (string: a whole line; RegExp: matches a line) is among `actual`. */
function expectLines(actual, what, expected) {
  const missing = expected.filter((e) => !actual.some((line) => (e instanceof RegExp ? e.test(line) : line === e)));
  if (missing.length) throw new Error(`${what} lacks ${missing.map(String).join(" || ")}; it shows: ${actual.join(" ⏎ ")}`);
}
