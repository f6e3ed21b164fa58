import table from "../../../../schemas/step-properties.json";
import type { StepModel } from "../../model";
import { checkPropertyPath, shapeEntry } from "../../properties";
import type { PathSegment } from "../../references";
import { code, codeList, escape, paragraphs } from "./markdown";

/** The top of each step type's properties: which Describe* shapes they come from. */
const roots = (table as unknown as { roots: Record<string, string | string[]> }).roots;

/**
 * `Steps.<step>.<path>` up to segment `upTo` of the Get string `text`: the property's API type,
 * its documentation and where it belongs.
 */
export function propertyMarkdown(step: StepModel, text: string, path: PathSegment[], upTo: number): string {
  const title = `**Property** ${code(text.slice(0, segmentEnd(path[upTo])))}`;
  if (!step.type) return paragraphs(title, `Step ${code(step.name ?? "")} has no Type, so its properties are unknown.`);
  const walked = normalise(path).slice(0, upTo + 1);
  const result = checkPropertyPath(step.type, walked);
  if (!result) return paragraphs(title, `No properties are known for ${escape(step.type)} steps.`);
  if (!result.ok) return paragraphs(title, `Not a property: ${escape(result.message)}`);
  const segment = walked[walked.length - 1];
  const parent = upTo > 0 ? text.slice(segmentStart(path[0]), segmentEnd(path[upTo - 1])) : undefined;
  return paragraphs(
    title,
    typeLine(result.shape),
    segment.kind === "member" ? result.doc && escape(result.doc) : elementLine(step.type, walked),
    placeLine(step, walked[0], parent),
  );
}

/** Where a segment's text starts, quote and bracket of `['key']` included. */
export function segmentStart(segment: PathSegment): number {
  return segment.kind === "key" ? segment.start - 2 : segment.start;
}

/** Where a segment's text ends, closing quote and bracket of `['key']` included. */
export function segmentEnd(segment: PathSegment): number {
  return segment.kind === "key" ? segment.end + 2 : segment.end;
}

/** `PropertyFiles.<name>` is a map entry written as a member. */
function normalise(path: PathSegment[]): PathSegment[] {
  const [first, second] = path;
  if (first?.kind !== "member" || first.name !== "PropertyFiles" || second?.kind !== "member") return path;
  return [first, { kind: "key", key: second.name, start: second.start, end: second.end }, ...path.slice(2)];
}

export function typeLine(shapeName: string | undefined): string {
  const shape = shapeEntry(shapeName);
  if (!shape) return "Type: any (inside a free-form value)";
  const named = shapeName && !shapeName.startsWith("x.") && shapeName.toLowerCase() !== shape.type ? ` ${code(shapeName)}` : "";
  switch (shape.type) {
    case "structure":
      return `Type: structure${named} with members ${codeList(Object.keys(shape.members ?? {}))}`;
    case "list":
      return `Type: list${named} of ${code(shown(shape.member))}; select an element with ${code("[n]")}${shape.keyField ? ` or ${code(`['<${shape.keyField}>']`)}` : ""}`;
    case "map":
      return `Type: map${named} of ${code(shown(shape.value))}; select a value with ${code("['<key>']")}`;
    case "object":
      return "Type: free-form object (any deeper path is accepted)";
    default: {
      const scalar = `Type: ${shape.type}${named ? ` (${named.trim()})` : ""}`;
      return shape.enum ? `${scalar}, one of ${codeList(shape.enum)}` : scalar;
    }
  }
}

/** `The element of Outputs whose OutputName is train.` */
function elementLine(stepType: string, walked: PathSegment[]): string {
  const last = walked[walked.length - 1];
  const list = walked.slice(0, -1);
  const parent = checkPropertyPath(stepType, list);
  const shape = parent?.ok ? shapeEntry(parent.shape) : undefined;
  const owner = lastMember(list);
  const of = owner ? ` of ${code(owner)}` : "";
  if (last.kind === "index") return `Element ${last.index}${of}.`;
  if (last.kind === "key" && shape?.type === "list") return `The element${of} whose ${code(shape.keyField ?? "name")} is ${code(last.key)}.`;
  if (last.kind === "key") return `The value${of} under key ${code(last.key)}.`;
  return "";
}

/** `Inside ModelArtifacts · Training step Train` or, at the top, the Describe* shape it comes from. */
function placeLine(step: StepModel, first: PathSegment, parent: string | undefined): string {
  const where = `${escape(step.type ?? "")} step ${code(step.name ?? "")}`;
  if (parent !== undefined) return `Inside ${code(parent)} · ${where}`;
  const source = first.kind === "member" ? rootShapeOf(step.type!, first.name) : undefined;
  return `Top-level property of ${where} (${source ? `from ${code(source)}` : "added by SageMaker Pipelines"})`;
}

/** Shape names as the API spells them; the table's own additions (`x.PropertyFile`) lose their prefix. */
function shown(shapeName: string | undefined): string {
  return (shapeName ?? "?").replace(/^x\./, "");
}

function rootShapeOf(stepType: string, member: string): string | undefined {
  const names = roots[stepType];
  const candidates = names === undefined ? [] : Array.isArray(names) ? names : [names];
  return candidates.find((name) => shapeEntry(name)?.members?.[member] !== undefined);
}

function lastMember(path: PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (segment.kind === "member") return segment.name;
  }
  return undefined;
}
