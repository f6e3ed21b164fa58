import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { memberValue, stringValue, type Node } from "../../json";
import type { ParameterModel } from "../../model";
import type { CompletionContext } from "./context";
import { wordRange, type GetText } from "./get-text";
import { jsonStringContent, replaceItem } from "./items";

/** `Parameters.‸`: the declared parameters, with their type and default. */
export function parameterCompletion(context: CompletionContext, get: GetText, nameStart: number): CompletionItem[] {
  const { start, end } = wordRange(get, nameStart);
  const { document } = context;
  return document.parameterNames().map((name) => {
    const parameter = document.model?.parametersByName.get(name) ?? document.fallback?.parametersByName.get(name);
    return replaceItem(context, name, start, end, jsonStringContent(name), {
      kind: CompletionItemKind.Variable,
      detail: parameter ? parameterDetail(parameter) : undefined,
      documentation: stringValue(memberValue(parameter?.node, "Description")),
    });
  });
}

function parameterDetail(parameter: ParameterModel): string {
  const value = literal(parameter.defaultNode);
  return value === undefined ? parameter.type : `${parameter.type} = ${value}`;
}

function literal(node: Node | undefined): string | undefined {
  if (!node || !["string", "number", "boolean", "null"].includes(node.type)) return undefined;
  return JSON.stringify(node.value);
}
