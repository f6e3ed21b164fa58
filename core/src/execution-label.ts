/**
 * The one name of an execution, everywhere it is shown (Executions view, notifications, lenses, hovers, confirmations,
 * the graph, the CLI): the display name when someone chose one, else the execution id (the ARN's last segment).
 * The full ARN goes in tooltips and "Copy ARN".
 */

/** Something with an execution ARN (or just its id) and maybe a display name. */
export interface NamedExecution {
  arn: string;
  displayName?: string;
}

/**
 * The display name the service (and the local engine, like it) gives an execution started without one:
 * `execution-<epoch milliseconds>`. It names nothing the user chose, so it is not shown.
 */
const GENERATED_DISPLAY_NAME = /^execution-\d+$/;

/** `arn:…:pipeline/<name>/execution/<id>` → `<id>`; an id stays as it is. */
export function executionIdOf(arn: string): string {
  return arn.split("/").pop() || arn;
}

/** True when `displayName` was set by whoever started the execution (not empty, not the generated form). */
export function isChosenDisplayName(displayName: string | undefined): displayName is string {
  return displayName !== undefined && displayName.trim().length > 0 && !GENERATED_DISPLAY_NAME.test(displayName);
}

/** The execution's one name: its chosen display name, else its id. */
export function executionLabel(execution: NamedExecution): string {
  return isChosenDisplayName(execution.displayName) ? execution.displayName : executionIdOf(execution.arn);
}

/**
 * The name of an execution known only by its ARN (a step's `reused from` / `cache hit from` source): its display
 * name from `known` when that execution is there, else its id.
 */
export function executionLabelOf(arn: string, known: Iterable<NamedExecution> = []): string {
  for (const execution of known) if (execution.arn === arn) return executionLabel(execution);
  return executionIdOf(arn);
}
