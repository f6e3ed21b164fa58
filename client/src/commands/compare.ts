import * as vscode from "vscode";
import { COMMANDS, compareDefinitionTexts, comparisonLines, DEFINITION_SCHEME, executionLabel } from "../../../core/src";
import type { Connection } from "../../../sagemaker/src";
import { loadSageMaker } from "../lazy";
import { pickExecution, type Picked } from "../run/pick-execution";
import type { RunController } from "../run/run-controller";
import { summaryExecution } from "../views/execution-texts";
import type { ExecutionsNode } from "../views/executions-view";

type ExecutionNode = Extract<ExecutionsNode, { kind: "execution" }>;

const REFRESH_MS = 300;
/** Summary lines are wrapped to this width, so that they read in half of a diff editor. */
const SUMMARY_WIDTH = 64;

/** One side of a comparison: a deployed definition (its text as the service returned it) or an open document. */
type Side = { title: string; raw: string } | { title: string; document: vscode.Uri };

interface Comparison {
  left: Side;
  right: Side;
  indent: string;
}

/**
 * Both sides of each comparison as read-only JSONC documents: the definition re-indented the same way (so that the
 * diff shows changes, not formatting), below the same summary in comments (so that the summary is no difference) of
 * what differs step by step and whether each change is a cache-key change. A side that is an open file follows its
 * edits, and the summary with it.
 */
class ComparisonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** By the URI of each side, with which side it is. */
  private readonly comparisons = new Map<string, { comparison: Comparison; left: boolean }>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly listener = vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event.document.uri));

  add(leftUri: vscode.Uri, rightUri: vscode.Uri, comparison: Comparison): void {
    this.comparisons.set(leftUri.toString(), { comparison, left: true });
    this.comparisons.set(rightUri.toString(), { comparison, left: false });
    this.changed.fire(leftUri);
    this.changed.fire(rightUri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const shown = this.comparisons.get(uri.toString());
    if (!shown) return "// This comparison is no longer loaded: run Compare again.\n";
    const comparison = shown.comparison;
    const [left, right] = [textOf(comparison.left), textOf(comparison.right)];
    const outcome =
      left === undefined || right === undefined
        ? { error: `${left === undefined ? comparison.left.title : comparison.right.title} is no longer open` }
        : compareDefinitionTexts(left, right);
    const summary = "error" in outcome ? [`Cannot compare now: ${outcome.error}.`] : comparisonLines(outcome);
    const header = [`${capitalized(comparison.left.title)} (left) and ${comparison.right.title} (right):`, ...summary.map((line) => `  ${line}`)];
    const side = shown.left ? left : right;
    const comments = header.flatMap((line) => wrapped(line, SUMMARY_WIDTH)).map((line) => `// ${line}`);
    return `${comments.join("\n")}\n${side === undefined ? "" : reindented(side, comparison.indent)}`;
  }

  private documentChanged(document: vscode.Uri): void {
    const key = document.toString();
    for (const [uri, { comparison }] of this.comparisons) {
      const follows = [comparison.left, comparison.right].some((side) => "document" in side && side.document.toString() === key);
      if (!follows) continue;
      clearTimeout(this.pending.get(uri));
      this.pending.set(
        uri,
        setTimeout(() => {
          this.pending.delete(uri);
          this.changed.fire(vscode.Uri.parse(uri));
        }, REFRESH_MS),
      );
    }
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.listener.dispose();
    this.changed.dispose();
  }
}

function textOf(side: Side): string | undefined {
  if ("raw" in side) return side.raw;
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === side.document.toString())?.getText();
}

/** Compare with Execution… (the editor's definition) and Compare with Another Execution… (the Executions view). */
export function registerCompareCommands(controller: RunController): vscode.Disposable[] {
  const documents = new ComparisonDocuments();
  const connect = () => controller.connection();

  /** The definition of an execution or a version, or undefined when the service refused (the error is shown). */
  const load = async (picked: Exclude<Picked, { kind: "leading" }>, pipelineName: string): Promise<{ name: string; side: Side } | undefined> => {
    const { executionDefinition, versionDefinition, explainError } = await loadSageMaker();
    let connection: Connection | undefined;
    const operation = picked.kind === "execution" ? "DescribePipelineDefinitionForExecution" : "DescribePipeline";
    try {
      connection = await connect();
      if (picked.kind === "execution") {
        const e = picked.execution;
        return {
          name: `execution-${executionLabel(e)}`,
          side: {
            title: `execution ${executionLabel(e)} of ${pipelineName} (${e.status}${e.startTime ? `, ${new Date(e.startTime).toLocaleString()}` : ""})`,
            raw: await executionDefinition(connection.client, e.arn),
          },
        };
      }
      const v = picked.version;
      return {
        name: `version-${v.id}`,
        side: {
          title: `version ${v.id} of ${pipelineName}${v.created ? ` (${new Date(v.created).toLocaleString()})` : ""}`,
          raw: await versionDefinition(connection.client, pipelineName, v.id),
        },
      };
    } catch (error) {
      const message = connection ? explainError(error, operation, connection).message : (error as Error).message;
      void vscode.window.showErrorMessage(`Compare: ${message}`);
      return undefined;
    }
  };

  const open = async (pipelineName: string, left: { name: string; side: Side }, right: { name: string; side: Side }, indent: string) => {
    const uri = (name: string) => vscode.Uri.from({ scheme: DEFINITION_SCHEME, path: `/${pipelineName}/${name}.jsonc` });
    const [leftUri, rightUri] = [uri(left.name), uri(right.name)];
    documents.add(leftUri, rightUri, { left: left.side, right: right.side, indent });
    const short = (side: Side) => side.title.split(" (")[0];
    await vscode.commands.executeCommand("vscode.diff", leftUri, rightUri, `${capitalized(short(left.side))} ↔ ${short(right.side)}`);
  };

  const compareWithExecution = async (uri?: string) => {
    const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage("Compare with Execution: open a pipeline definition first.");
      return;
    }
    const pipelineName = await controller.pipelineName(document);
    if (!pipelineName) return;
    const file = fileName(document.uri);
    const picked = await pickExecution(connect, pipelineName, {
      title: `Compare ${file} with an execution or version of ${pipelineName}`,
      errorPrefix: "Compare with Execution",
      versions: true,
    });
    if (!picked || picked.kind === "leading") return;
    const left = await load(picked, pipelineName);
    if (!left) return;
    await open(pipelineName, left, { name: `${file} (editor)`, side: { title: file, document: document.uri } }, indentOf(document.getText()));
  };

  const compareExecutions = async (node?: ExecutionNode) => {
    const arn = node?.summary.PipelineExecutionArn;
    if (!node || !arn) {
      void vscode.window.showInformationMessage("Compare with Another Execution: choose an execution in the Executions view.");
      return;
    }
    const execution = {
      ...summaryExecution(node.summary),
      pipelineArn: "",
      status: node.summary.PipelineExecutionStatus ?? "Unknown",
      startTime: node.summary.StartTime?.toISOString(),
    };
    const picked = await pickExecution(connect, node.pipelineName, {
      title: `Compare execution ${executionLabel(execution)} with another execution or version of ${node.pipelineName}`,
      errorPrefix: "Compare with Another Execution",
      versions: true,
      excludeArn: arn,
    });
    if (!picked || picked.kind === "leading") return;
    const right = await load({ kind: "execution", execution }, node.pipelineName);
    const left = right && (await load(picked, node.pipelineName));
    if (right && left) await open(node.pipelineName, left, right, "  ");
  };

  return [
    documents,
    vscode.workspace.registerTextDocumentContentProvider(DEFINITION_SCHEME, documents),
    vscode.commands.registerCommand(COMMANDS.compareWithExecution, compareWithExecution),
    vscode.commands.registerCommand(COMMANDS.compareExecutions, compareExecutions),
  ];
}

/** The definition indented like the editor's text; text that is not JSON (yet) as it is. */
function reindented(raw: string, indent: string): string {
  try {
    return `${JSON.stringify(JSON.parse(raw), null, indent)}\n`;
  } catch {
    return raw;
  }
}

/** The indentation of the first indented line (two spaces when there is none). */
function indentOf(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1] : "  ";
}

/** `line` cut at spaces into lines of at most `width` characters; continuation lines indented under the text. */
function wrapped(line: string, width: number): string[] {
  const indent = /^\s*/.exec(line)![0] + "    ";
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    if (cut <= indent.length) break;
    lines.push(rest.slice(0, cut));
    rest = indent + rest.slice(cut + 1);
  }
  lines.push(rest);
  return lines;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split("/").pop() ?? uri.path;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
