import { escapeMarkdown, inlineCode as code } from "../markdown";
import { expiryProblemText, nonKeyChangeNote, perRunReadText, upstreamNoteText } from "./sentences";
import { shortDuration, shortTime } from "./time-text";
import type { AttributeChange, CacheVerdict, ComparedRun } from "./types";
import { changeText } from "./value-text";

export interface CacheVerdictHoverOptions {
  /**
   * Say what a missing or invalid ExpireAfter means for the verdict (default true). Off when the hover also shows the
   * step's cache setting, which says it: each thing is said once.
   */
  expiryNote?: boolean;
}

/**
 * Markdown that leads with the answer: the verdict, and on a miss the cache-key changes that cause it (or the per-run
 * reads); then the changes outside the key, the upstream notes, and what a missing or invalid ExpireAfter means.
 */
export function cacheVerdictHover(verdict: CacheVerdict, options: CacheVerdictHoverOptions = {}): string {
  const blocks = [verdictLine(verdict)];
  if (verdict.kind === "n/a" || verdict.kind === "off" || verdict.kind === "not-selected") return blocks[0];

  if (verdict.kind === "miss" && verdict.keyChanges.length > 0) blocks[0] += `\n${changeList(verdict.keyChanges)}`;
  if (verdict.perRunReads.length > 0) blocks.push(list(verdict.perRunReads.map((read) => escapeMarkdown(perRunReadText(read)))));
  if (verdict.kind !== "no-runs" && verdict.nonKeyChanges.length > 0) {
    const note = nonKeyChangeNote(verdict.kind);
    blocks.push(`Changes outside the cache key:\n${list(verdict.nonKeyChanges.map((c) => `${code(changeText(c))}: ${escapeMarkdown(note)}`))}`);
  }
  if (verdict.upstream.length > 0) blocks.push(`Upstream:\n${list(verdict.upstream.map((note) => escapeMarkdown(upstreamNoteText(note))))}`);
  const expiryProblem = options.expiryNote === false ? undefined : expiryProblemText(verdict.expiry);
  if (expiryProblem) blocks.push(escapeMarkdown(expiryProblem));
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
        ? "**Cache: no runs yet**: this pipeline has no finished execution to compare with, so the step runs."
        : "**Cache: no runs yet**: no earlier execution has a successful run of this step that did the work, so the step runs.";
    case "hit": {
      // Without a window the expiry problem (said below, or by the step's cache setting) is the whole story.
      const expiry =
        verdict.expiresAt === undefined ? "" : ` The cached result expires in ${shortDuration(verdict.expiresInMs!)} (${shortTime(verdict.expiresAt)}).`;
      const rerunning = verdict.upstream.filter((n) => n.state.kind === "runs-again").map((n) => n.step);
      const proviso = rerunning.length > 0 ? ` if the output of ${rerunning.map(escapeMarkdown).join(", ")} stays the same` : "";
      return `**Cache: hit**${proviso}: the next run reuses this step's run in execution ${runText(verdict.run)} instead of running it.${expiry}`;
    }
    case "expired":
      return `**Cache: expired**: the latest run with the same cache key, in execution ${runText(verdict.run)}, is older than ExpireAfter (${escapeMarkdown(String(verdict.expiry.words))}): it expired ${shortDuration(verdict.expiredAgoMs)} ago, so the step runs again.`;
    case "miss":
      return verdict.keyChanges.length === 0
        ? `**Cache: miss**: the step runs again: its cache key reads a value that changes every run. Latest comparable run: execution ${runText(verdict.run)}.`
        : `**Cache: miss**: the step runs again. Cache-key changes since execution ${runText(verdict.run)}:`;
  }
}

function runText(run: ComparedRun): string {
  return `${code(run.label)} (ended ${shortTime(run.ranAt)}, ${shortDuration(run.ageMs)} ago)`;
}

function changeList(changes: AttributeChange[]): string {
  return list(changes.map((c) => code(changeText(c))));
}

function list(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}
