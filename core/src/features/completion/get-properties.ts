import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { elements, memberValue, members, stringValue } from "../../json";
import type { StepModel } from "../../model";
import { checkPropertyPath, rootMembers, shapeEntry } from "../../properties";
import { isStepPath, parseReference, type PathSegment } from "../../references";
import { declaredOutputs } from "../../rules/reference-unknown-output";
import type { CompletionContext } from "./context";
import { wordRange, type GetText } from "./get-text";
import { iterationSteps } from "./get-for-each";
import { jsonStringContent, replaceItem } from "./items";
import { findStep } from "./steps";

type ShapeEntry = NonNullable<ReturnType<typeof shapeEntry>>;

/**
 * `Steps.X.<path>‸` (and in a ForEach step's Selector `IterationOutput.X.<path>‸`, X a step of its body): the next
 * segment of a property path, drilled through the Describe* shapes of X's step type: members after `.`, and after a
 * list `[0]` and `['<name>']` for the names X declares.
 */
export function propertyPathCompletion(context: CompletionContext, get: GetText): CompletionItem[] {
  const parsed = parseReference(get.prefix);
  if (!isStepPath(parsed)) return [];
  const step = parsed.root === "Steps" ? findStep(context.document, parsed.stepName) : iterationSteps(context).find((s) => s.name === parsed.stepName);
  if (!step?.type) return [];
  const last = parsed.path[parsed.path.length - 1];
  const parentPath = parsed.path.slice(0, -1);
  if (!last || parentPath.some((s) => s.kind === "malformed")) return [];
  const parent = parentShape(step.type, parentPath);
  if (!parent) return [];

  if (last.kind === "member" || (last.kind === "malformed" && last.text === ".")) {
    const start = last.kind === "member" ? last.start : last.start + 1;
    return memberItems(context, get, step, parentPath, parent, start);
  }
  if (get.prefix.endsWith("]")) return [];
  if (last.kind === "index" || last.kind === "key" || (last.kind === "malformed" && last.text.startsWith("["))) {
    const bracket = get.prefix.lastIndexOf("[");
    const end = get.contentStart + get.prefix.length + (/^[^\].[]*\]?/.exec(get.suffix)?.[0].length ?? 0);
    return elementItems(step, parentPath, parent).map(({ label, detail, documentation }) =>
      replaceItem(context, label, get.contentStart + bracket, end, jsonStringContent(label), { kind: CompletionItemKind.Value, detail, documentation }),
    );
  }
  return [];
}

/** After `.`: the members of a structure; the property files of `PropertyFiles`; the elements of other lists and maps (replacing the dot). */
function memberItems(
  context: CompletionContext,
  get: GetText,
  step: StepModel,
  parentPath: PathSegment[],
  parent: ShapeEntry,
  start: number,
): CompletionItem[] {
  const { start: from, end } = wordRange(get, start);
  if (parent.type === "structure") {
    return Object.entries(parent.members ?? {}).map(([name, member]) =>
      replaceItem(context, name, from, end, name, {
        kind: CompletionItemKind.Property,
        detail: describeShape(member.shape),
        documentation: [member.doc, enumDoc(member.shape)].filter(Boolean).join("\n\n") || undefined,
      }),
    );
  }
  if (isPath(parentPath, "PropertyFiles")) {
    return propertyFiles(step).map((file) =>
      replaceItem(context, file.name, from, end, jsonStringContent(file.name), {
        kind: CompletionItemKind.File,
        detail: "property file",
        documentation: file.where,
      }),
    );
  }
  return elementItems(step, parentPath, parent).map(({ label, detail, documentation }) =>
    replaceItem(context, label, from - 1, end, jsonStringContent(label), { kind: CompletionItemKind.Value, detail, documentation, filterText: `.${label}` }),
  );
}

interface Element {
  label: string;
  detail?: string;
  documentation?: string;
}

/** `[0]` for a list, and `['<name>']` for each name the step declares in a keyed list or a map. */
function elementItems(step: StepModel, parentPath: PathSegment[], parent: ShapeEntry): Element[] {
  if (parent.type !== "list" && parent.type !== "map") return [];
  const elementShape = parent.type === "list" ? parent.member : parent.value;
  const detail = elementShape ? describeShape(elementShape) : undefined;
  const items: Element[] = [];
  if (parent.type === "list") items.push({ label: "[0]", detail, documentation: "The first element (any index may be written)." });
  const keyField = parent.type === "list" ? parent.keyField : undefined;
  if (parent.type === "list" && !keyField) return items;
  for (const name of declaredKeys(step, parentPath, parent)) {
    items.push({
      label: `['${name}']`,
      detail,
      documentation: keyField ? `The element whose ${keyField} is '${name}'.` : `The entry '${name}'.`,
    });
  }
  return items;
}

/** The shape a (complete) path leads to; the step type's top-level properties for the empty path. */
function parentShape(stepType: string, path: PathSegment[]): ShapeEntry | undefined {
  if (path.length === 0) {
    const top = rootMembers(stepType);
    return top ? { type: "structure", members: top } : undefined;
  }
  const result = checkPropertyPath(stepType, path);
  if (!result?.ok || result.shape === undefined) return undefined;
  return shapeEntry(result.shape);
}

function isPath(path: PathSegment[], ...names: string[]): boolean {
  return path.length === names.length && path.every((s, i) => s.kind === "member" && s.name === names[i]);
}

/** Names the step declares for a keyed list or map of its properties. */
function declaredKeys(step: StepModel, path: PathSegment[], shape: ShapeEntry): string[] {
  if (isPath(path, "PropertyFiles")) return propertyFiles(step).map((f) => f.name);
  if (isPath(path, "OutputParameters")) return declaredOutputs(step, "OutputParameters") ?? [];
  if (isPath(path, "ProcessingOutputConfig", "Outputs")) return declaredOutputs(step, "Outputs") ?? [];
  // Elsewhere the Describe* response mirrors the request: InputDataConfig[].ChannelName, Environment keys…
  if (!path.every((s) => s.kind === "member")) return [];
  let node = step.argumentsNode;
  for (const segment of path) node = memberValue(node, (segment as { name: string }).name);
  if (shape.type === "list" && shape.keyField) {
    return elements(node).flatMap((element) => stringValue(memberValue(element, shape.keyField!)) ?? []);
  }
  if (shape.type === "map") return members(node).flatMap(({ key }) => (typeof key.value === "string" ? [key.value] : []));
  return [];
}

function propertyFiles(step: StepModel): Array<{ name: string; where?: string }> {
  return elements(memberValue(step.node, "PropertyFiles")).flatMap((file) => {
    const name = stringValue(memberValue(file, "PropertyFileName"));
    if (name === undefined) return [];
    const output = stringValue(memberValue(file, "OutputName"));
    const path = stringValue(memberValue(file, "FilePath"));
    return [{ name, where: output || path ? `\`${path ?? "?"}\` in output \`${output ?? "?"}\`` : undefined }];
  });
}

function displayName(shape: string): string {
  return shape.replace(/^(x|emr)\./, "");
}

/** The detail of a member: its shape, e.g. `ProcessingOutputConfig`, `list of ProcessingOutput`, `string`. */
function describeShape(shape: string): string {
  const entry = shapeEntry(shape);
  if (!entry) return displayName(shape);
  switch (entry.type) {
    case "structure":
      return displayName(shape);
    case "list":
      return `list of ${displayName(entry.member ?? "?")}`;
    case "map":
      return `map of ${displayName(entry.value ?? "?")}`;
    default:
      return entry.type;
  }
}

function enumDoc(shape: string): string | undefined {
  const values = shapeEntry(shape)?.enum;
  if (!values?.length) return undefined;
  const shown = values
    .slice(0, 12)
    .map((v) => `\`${v}\``)
    .join(", ");
  return `One of ${shown}${values.length > 12 ? `, … (${values.length} values)` : ""}.`;
}
