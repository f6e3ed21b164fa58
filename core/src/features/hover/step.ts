import { elements, memberValue, stringValue, type Node } from "../../json";
import { getNodeValue } from "jsonc-parser";
import { cacheKeyAttributes, cachingEnabled, readExpireAfter } from "../../cache/policy";
import { INVALID_EXPIRY, MISSING_EXPIRY } from "../../cache/sentences";
import { canonicalDuration, durationInWords } from "../../duration";
import { dependencyEdges, type DependencyEdge } from "../../graph";
import type { PipelineModel, StepModel } from "../../model";
import type { PipelineDocument } from "../document";
import { code, codeList, escape, lineOf, paragraphs } from "./markdown";

/**
 * A step at a glance: type, display name, description, place in the DAG, caching and retries.
 * `occurrence` says where the name was hovered: a use (DependsOn, Get) also tells where the step is defined.
 */
export function stepMarkdown(document: PipelineDocument, model: PipelineModel, step: StepModel, occurrence: "definition" | "use"): string {
  const displayName = stringValue(memberValue(step.node, "DisplayName"));
  const description = stringValue(memberValue(step.node, "Description"));
  return paragraphs(
    `**Step** ${code(step.name ?? "")} · ${step.type ? escape(step.type) : "no Type"}`,
    displayName && `Display name: ${escape(displayName)}`,
    description && escape(description),
    facts(model, step).join("\n"),
    occurrence === "use" && `Defined on line ${lineOf(document, (step.nameNode ?? step.node).offset)}.`,
  );
}

export function unknownStepMarkdown(name: string): string {
  return `Unknown step ${code(name)}: no step of this pipeline has this name.`;
}

function facts(model: PipelineModel, step: StepModel): string[] {
  const edges = dependencyEdges(model);
  const lines: string[] = [];
  if (step.condition && step.branch) lines.push(`- In the ${step.branch} of Condition ${code(step.condition.name ?? "")}`);
  lines.push(
    `- Upstream: ${neighbours(
      edges.filter((e) => e.to === step),
      "from",
    )}`,
  );
  lines.push(
    `- Downstream: ${neighbours(
      edges.filter((e) => e.from === step),
      "to",
    )}`,
  );
  lines.push(`- Cache: ${cacheSummary(step)}`);
  const key = cacheKeyOf(step.type);
  if (key) lines.push(`- Cache key: ${codeList(key)}`);
  lines.push(...retryLines(memberValue(step.node, "RetryPolicies")));
  return lines;
}

/** `A` (DependsOn, Get), `B` (IfSteps) — each neighbour once, with how the edge is written. */
function neighbours(edges: DependencyEdge[], end: "from" | "to"): string {
  const how = new Map<StepModel, Set<string>>();
  for (const edge of edges) {
    const kinds = how.get(edge[end]) ?? new Set<string>();
    kinds.add(edgeLabel(edge));
    how.set(edge[end], kinds);
  }
  if (how.size === 0) return "none";
  return [...how].map(([step, kinds]) => `${code(step.name ?? "")} (${[...kinds].join(", ")})`).join(", ");
}

function edgeLabel(edge: DependencyEdge): string {
  if (edge.kind === "dependsOn") return "DependsOn";
  if (edge.kind === "reference") return "Get";
  return edge.to.branch ?? "branch";
}

/** The cache-key attributes of a step type, or undefined when step caching does not cover it. */
export function cacheKeyOf(type: string | undefined): readonly string[] | undefined {
  return cacheKeyAttributes(type);
}

/** `on · 1 hour (PT1H)`, `off`, or `n/a` for types step caching does not cover. */
export function cacheSummary(step: StepModel): string {
  if (!cacheKeyOf(step.type)) return `n/a (step caching does not cover ${step.type ? escape(step.type) : "untyped"} steps)`;
  const cacheConfig = memberValue(step.node, "CacheConfig");
  const enabled = memberValue(cacheConfig, "Enabled");
  if (enabled?.type === "object") return "set at run time by an expression";
  if (!cachingEnabled({ Enabled: enabled?.value })) return "off";
  const expireAfter = memberValue(cacheConfig, "ExpireAfter");
  const reading = readExpireAfter(expireAfter && getNodeValue(expireAfter));
  if (reading.state === "missing") return `on · ${escape(MISSING_EXPIRY)}`;
  if (reading.state !== "valid") return `on · ${escape(INVALID_EXPIRY)}`;
  return `on · ${durationInWords(reading.duration)} (${canonicalDuration(reading.duration)})`;
}

function retryLines(policies: Node | undefined): string[] {
  const summaries = elements(policies)
    .filter((p) => p.type === "object")
    .map(retrySummary);
  if (summaries.length === 0) return ["- Retry: none"];
  if (summaries.length === 1) return [`- Retry: ${summaries[0]}`];
  return ["- Retry:", ...summaries.map((s) => `  - ${s}`)];
}

/** `Step.THROTTLING`: max 3 attempts · interval 10 s · backoff ×2 */
function retrySummary(policy: Node): string {
  const exceptionType = memberValue(policy, "ExceptionType");
  const types = (exceptionType?.type === "string" ? [exceptionType] : elements(exceptionType)).map(stringValue).filter((t): t is string => t !== undefined);
  const number = (key: string) => {
    const value = memberValue(policy, key);
    return value?.type === "number" ? (value.value as number) : undefined;
  };
  const maxAttempts = number("MaxAttempts");
  const expireAfterMin = number("ExpireAfterMin");
  const interval = number("IntervalSeconds");
  const backoff = number("BackoffRate");
  const parts: string[] = [];
  if (maxAttempts !== undefined) parts.push(`max ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"}`);
  if (expireAfterMin !== undefined) parts.push(`for up to ${expireAfterMin} min`);
  if (maxAttempts === undefined && expireAfterMin === undefined) parts.push("max 5 attempts (default)");
  if (interval !== undefined) parts.push(`interval ${interval} s`);
  if (backoff !== undefined) parts.push(`backoff ×${backoff}`);
  return `${types.length ? types.map(code).join(", ") : "no ExceptionType"}: ${parts.join(" · ")}`;
}
