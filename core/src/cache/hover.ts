import { escapeMarkdown, inlineCode as code } from "../markdown";
import { expiryProblemText, nonKeyChangeNote, perRunReadText, upstreamNoteText } from "./sentences";
import { shortDuration, shortTime } from "./time-text";
import type { AttributeChange, CacheVerdict, ComparedRun } from "./types";
import { changeText } from "./value-text";

/** Markdown: the verdict line, then the key changes, the changes outside the key (with what they mean), upstream notes. */
export function cacheVerdictHover(verdict: CacheVerdict): string {
  const blocks = [verdictLine(verdict)];
  if (verdict.kind === "n/a" || verdict.kind === "off" || verdict.kind === "not-selected") return blocks[0];

  const expiryProblem = expiryProblemText(verdict.expiry);
  if (expiryProblem) blocks.push(escapeMarkdown(expiryProblem));
  if (verdict.perRunReads.length > 0) blocks.push(list(verdict.perRunReads.map((read) => escapeMarkdown(perRunReadText(read)))));
  if (verdict.kind === "miss" && verdict.keyChanges.length > 0) {
    blocks.push(`Cache-key changes since that run (these make the step run again):\n${changeList(verdict.keyChanges)}`);
  }
  if (verdict.kind !== "no-runs" && verdict.nonKeyChanges.length > 0) {
    const note = nonKeyChangeNote(verdict.kind);
    blocks.push(`Changes outside the cache key:\n${list(verdict.nonKeyChanges.map((c) => `${code(changeText(c))}: ${escapeMarkdown(note)}`))}`);
  }
  if (verdict.upstream.length > 0) blocks.push(`Upstream:\n${list(verdict.upstream.map((note) => escapeMarkdown(upstreamNoteText(note))))}`);
  return blocks.join("\n\n");
}

function verdictLine(verdict: CacheVerdict): string {
  switch (verdict.kind) {
    case "n/a":
      return `**Cache: n/a**: ${verdict.stepType ? escapeMarkdown(verdict.stepType) : "this"} steps are never cached.`;
    case "off":
      return "**Cache: off**: caching is not enabled for this step, so it runs every time.";
    case "not-selected":
      return "**Cache: not selected**: this step is not among the steps the run selects, so it does not run.";
    case "no-runs":
      return verdict.noHistory
        ? "**Cache: no runs yet**: No executions of this pipeline yet: nothing to compare with. The step runs."
        : "**Cache: no runs yet**: no earlier execution has a successful run of this step that did the work, so the step runs.";
    case "hit": {
      const expiry =
        verdict.expiresAt === undefined
          ? "The cached result does not expire."
          : `The cached result expires in ${shortDuration(verdict.expiresInMs!)} (${shortTime(verdict.expiresAt)}).`;
      const rerunning = verdict.upstream.filter((n) => n.state.kind === "runs-again").map((n) => n.step);
      const proviso = rerunning.length > 0 ? ` if the output of ${rerunning.map(escapeMarkdown).join(", ")} stays the same` : "";
      return `**Cache: hit**${proviso}: the next run reuses this step's run in execution ${runText(verdict.run)} instead of running it. ${expiry}`;
    }
    case "expired":
      return `**Cache: expired**: the latest run with the same cache key, in execution ${runText(verdict.run)}, is older than ExpireAfter (${escapeMarkdown(String(verdict.expiry.words))}): it expired ${shortDuration(verdict.expiredAgoMs)} ago, so the step runs again.`;
    case "miss":
      return verdict.keyChanges.length === 0 && verdict.perRunReads.length > 0
        ? `**Cache: miss**: the step runs again. Latest comparable run: execution ${runText(verdict.run)}.`
        : `**Cache: miss**: no earlier run has the same cache key, so the step runs again. Closest run: execution ${runText(verdict.run)}.`;
  }
}

function runText(run: ComparedRun): string {
  return `${code(run.executionId)} (ended ${shortTime(run.ranAt)}, ${shortDuration(run.ageMs)} ago)`;
}

function changeList(changes: AttributeChange[]): string {
  return list(changes.map((c) => code(changeText(c))));
}

function list(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}
