import { SymbolKind, type DocumentSymbol } from "vscode-languageserver-types";
import { keyOf, memberValue, type Node } from "../json";
import type { StepModel } from "../model";
import type { PipelineDocument } from "./document";

/**
 * The outline: Parameters and Steps, branch steps nested under their Condition step's IfSteps/ElseSteps, body steps
 * under their ForEach step's ForEachBody.
 */
export function documentSymbols(document: PipelineDocument): DocumentSymbol[] {
  const model = document.model;
  if (!model) return [];
  const symbols: DocumentSymbol[] = [];
  const parametersNode = memberValue(model.root, "Parameters");
  if (parametersNode) {
    symbols.push(
      group(
        document,
        "Parameters",
        parametersNode,
        model.parameters.map((p) => ({
          name: p.name ?? "(unnamed)",
          detail: p.type,
          kind: SymbolKind.Variable,
          range: document.nodeRange(p.node),
          selectionRange: document.nodeRange(p.nameNode ?? p.node),
        })),
      ),
    );
  }
  const stepsNode = memberValue(model.root, "Steps");
  if (stepsNode) {
    const topLevel = model.steps.filter((s) => !s.condition && !s.forEach);
    const nested = nestedSteps(model.steps);
    symbols.push(
      group(
        document,
        "Steps",
        stepsNode,
        topLevel.map((s) => stepSymbol(document, s, nested)),
      ),
    );
  }
  return symbols;
}

function group(document: PipelineDocument, name: string, value: Node, children: DocumentSymbol[]): DocumentSymbol {
  const key = keyOf(value);
  return {
    name,
    kind: SymbolKind.Array,
    range: document.rangeOf((key ?? value).offset, value.offset + value.length),
    selectionRange: document.nodeRange(key ?? value),
    children,
  };
}

/** The steps each Condition (per branch) and ForEach step holds, in document order: one pass, not one per holder. */
function nestedSteps(steps: StepModel[]): Map<StepModel, Map<string, StepModel[]>> {
  const nested = new Map<StepModel, Map<string, StepModel[]>>();
  for (const step of steps) {
    const holder = step.condition ?? step.forEach;
    if (!holder) continue;
    const slot = step.condition ? (step.branch ?? "") : "ForEachBody";
    let slots = nested.get(holder);
    if (!slots) nested.set(holder, (slots = new Map()));
    const members = slots.get(slot);
    if (members) members.push(step);
    else slots.set(slot, [step]);
  }
  return nested;
}

function stepSymbol(document: PipelineDocument, step: StepModel, nested: Map<StepModel, Map<string, StepModel[]>>): DocumentSymbol {
  const members = (slot: string) => nested.get(step)?.get(slot) ?? [];
  const symbol: DocumentSymbol = {
    name: step.name ?? "(unnamed step)",
    detail: step.type ?? "",
    kind: step.type === "Condition" || step.type === "ForEach" ? SymbolKind.Module : step.type === "Fail" ? SymbolKind.Event : SymbolKind.Function,
    range: document.nodeRange(step.node),
    selectionRange: document.nodeRange(step.nameNode ?? step.node),
  };
  if (step.type === "Condition") {
    symbol.children = (["IfSteps", "ElseSteps"] as const).flatMap((branch) => {
      const branchNode = memberValue(step.argumentsNode, branch);
      if (!branchNode) return [];
      return [
        group(
          document,
          branch,
          branchNode,
          members(branch).map((s) => stepSymbol(document, s, nested)),
        ),
      ];
    });
  }
  const body = step.type === "ForEach" ? memberValue(step.argumentsNode, "ForEachBody") : undefined;
  if (body) {
    symbol.children = [
      group(
        document,
        "ForEachBody",
        body,
        members("ForEachBody").map((s) => stepSymbol(document, s, nested)),
      ),
    ];
  }
  return symbol;
}
