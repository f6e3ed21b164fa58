import { test } from "node:test";
import assert from "node:assert/strict";
import { stepTooltipMarkdown } from "../../client/src/views/step-tooltip";
import { HOSTILE, renderMarkdown, textOf } from "../helpers/markdown";

test("Executions view: a step's FailureReason (stderr) renders as literal text, line by line, with no link, image or HTML", () => {
  const reason = `Traceback (most recent call last):\n\n    ${HOSTILE}\n---\n[x]: command:evil`;
  const markdown = stepTooltipMarkdown({ StepName: "Train_[x](command:a)", StepStatus: "Failed", FailureReason: reason, AttemptCount: 2 });
  const html = renderMarkdown(markdown);
  for (const tag of html.match(/<[^>]*>/g) ?? []) assert.match(tag, /^<\/?(p|br|strong)\s*\/?>$/, `unexpected markup ${tag} in ${html}`);
  const text = textOf(html);
  assert.ok(text.includes("Train_[x](command:a) (Failed)"), text);
  assert.ok(text.includes(HOSTILE), text);
  assert.ok(text.includes("[x]: command:evil"), text);
  assert.ok(text.includes("Attempts: 2"), text);
});

test("Executions view: a step without a failure has its name and status only", () => {
  assert.equal(stepTooltipMarkdown({ StepName: "Prep", StepStatus: "Succeeded" }), "**Prep** (Succeeded)");
});
