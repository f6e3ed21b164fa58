import type { LogSectionView } from "../../../sagemaker/src";

/** What the top of a log tab says about the step. */
export interface LogHeader {
  step: string;
  stepType?: string;
  execution: string;
  status?: string;
  failureReason?: string;
  /** `path:line` of the step's `Name` in its definition, or why there is none. */
  definition: string;
  target: string;
  following: boolean;
}

export interface LogBody {
  sections: readonly LogSectionView[];
  notes: readonly string[];
  error?: string;
}

export const RULE = "─".repeat(72);

/**
 * The text of a log tab: the step (name, status, FailureReason, where it is defined), then each stream's lines. Pure,
 * so that its shape is tested without VS Code.
 */
export function logText(header: LogHeader, body: LogBody | undefined): string {
  const out: string[] = [
    `Step:       ${header.step}${header.stepType ? ` (${header.stepType})` : ""}`,
    `Execution:  ${header.execution}`,
    `Status:     ${header.status ?? "unknown"}`,
  ];
  if (header.failureReason) out.push(`Failure:    ${oneLine(header.failureReason)}`);
  out.push(`Definition: ${header.definition}`, `Target:     ${header.target}`);
  out.push(
    header.following
      ? "Following:  new lines appear as the step writes them (Stop Following: the ■ button above)"
      : "Following:  no (Follow: the ▶ button above)",
  );
  out.push(RULE);
  if (!body) return [...out, "Loading the log…", ""].join("\n");
  if (body.error) out.push(`⚠ ${body.error}`);
  for (const note of body.notes) out.push(note);
  if (body.sections.length === 0 && body.notes.length === 0 && !body.error) out.push("No log yet.");
  for (const section of body.sections) {
    if (body.sections.length > 1 || section.title !== "Local engine") out.push(`── ${section.title}`);
    if (section.dropped > 0) out.push(`… ${section.dropped.toLocaleString("en-US")} earlier lines let go of (this tab keeps the latest ones) …`);
    else if (section.earlier) out.push("… earlier lines: Load Earlier (the ↑ button above) …");
    if (section.empty) out.push("No log yet.");
    out.push(...section.lines);
  }
  return out.join("\n") + "\n";
}

const oneLine = (text: string) => text.replace(/\s*\r?\n\s*/g, " ⏎ ").trim();
