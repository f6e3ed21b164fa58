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
    symbols.push(
      group(
        document,
        "Steps",
        stepsNode,
        topLevel.map((s) => stepSymbol(document, s, model.steps)),
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

function stepSymbol(document: PipelineDocument, step: StepModel, all: StepModel[]): DocumentSymbol {
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
      const members = all.filter((s) => s.condition === step && s.branch === branch);
      return [
        group(
          document,
          branch,
          branchNode,
          members.map((s) => stepSymbol(document, s, all)),
        ),
      ];
    });
  }
  const body = step.type === "ForEach" ? memberValue(step.argumentsNode, "ForEachBody") : undefined;
  if (body) {
    const members = all.filter((s) => s.forEach === step);
    symbol.children = [
      group(
        document,
        "ForEachBody",
        body,
        members.map((s) => stepSymbol(document, s, all)),
      ),
    ];
  }
  return symbol;
}
