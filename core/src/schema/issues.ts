import { findNodeAtLocation, type Segment } from "jsonc-parser";
import type { ErrorObject } from "ajv";
import { closest, keyOf, memberValue, propertyNode, type Node } from "../json";
import { schemaErrors } from "./validator";

/** A schema violation, translated for people and placed on a node of the document. */
export interface SchemaIssue {
  /** `unknown-member` issues inside a step's Arguments belong to the unknown-argument rule, `too-long` to value-too-long. */
  kind: "unknown-member" | "too-long" | "violation";
  inArguments: boolean;
  message: string;
  start: number;
  end: number;
  data?: Record<string, unknown>;
}

export function schemaIssues(root: Node, value: unknown): SchemaIssue[] {
  return distinctIssues(translateErrors(root, schemaErrors(value)));
}

/** The errors as issues placed on `root`'s nodes (before `distinctIssues`). */
export function translateErrors(root: Node, errors: readonly ErrorObject[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const error of errors) {
    if (error.keyword === "if") continue; // wrapper of the branch's own errors
    const issue = translate(root, error);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** One issue per place and message, in order. */
export function distinctIssues(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  const distinct: SchemaIssue[] = [];
  for (const issue of issues) {
    const id = `${issue.start}:${issue.end}:${issue.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    distinct.push(issue);
  }
  return distinct;
}

function pathOf(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Whether the path runs through the `Arguments` of a step (`.../Steps/n/Arguments/...`). */
function isInArguments(path: Segment[]): boolean {
  for (let i = 2; i < path.length; i++) {
    if (path[i] === "Arguments" && typeof path[i - 1] === "number" && /Steps$/.test(String(path[i - 2]))) {
      // A member of a branch step's own Arguments is deeper; the nearest step decides.
      const rest = path.slice(i + 1);
      const nested = rest.findIndex((s, j) => (s === "IfSteps" || s === "ElseSteps" || s === "ForEachBody") && typeof rest[j + 1] === "number");
      if (nested < 0) return true;
    }
  }
  return false;
}

function translate(root: Node, error: ErrorObject): SchemaIssue | undefined {
  const path = pathOf(error.instancePath);
  const node = findNodeAtLocation(root, path);
  if (!node) return undefined;
  const at = (target: Node) => ({ start: target.offset, end: target.offset + target.length });
  const inArguments = isInArguments(path);
  const params = error.params as Record<string, unknown>;
  const where = describeLocation(path);

  switch (error.keyword) {
    case "additionalProperties": {
      const member = String(params.additionalProperty);
      const key = propertyNode(node, member)?.children?.[0] ?? node;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(member, known);
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : "";
      const shape = shapeName(error.schemaPath);
      const message =
        inArguments && path[path.length - 1] === "Arguments"
          ? `'${member}' is not an argument of ${stepTypeAt(root, path)} steps: the ${shape ?? "API request"} has no such member, and the service rejects unknown Argument members.${hint}`
          : `Unknown member '${member}'${where}${shape ? ` (not in ${shape})` : ""}.${hint}`;
      return { kind: "unknown-member", inArguments, message, ...at(key), data: { member, suggestion, known } };
    }
    case "required": {
      const member = String(params.missingProperty);
      return { kind: "violation", inArguments, message: `Missing required member '${member}'${where}.`, ...at(anchorForObject(node)), data: { member } };
    }
    case "type": {
      const expected = String(params.type).replace(/,/g, " or ");
      const actual = describeType(node);
      const quotedNumber = node.type === "string" && /integer|number/.test(expected) && /^-?\d+(\.\d+)?$/.test(node.value as string);
      const hint = quotedNumber ? ` Write ${node.value} without quotes.` : "";
      return { kind: "violation", inArguments, message: `Expected ${article(expected)}${where}, found ${actual}.${hint}`, ...at(node) };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof node.value === "string" ? closest(node.value, allowed) : undefined;
      const list = allowed.length > 12 ? `${allowed.slice(0, 12).join(", ")}, …` : allowed.join(", ");
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : "";
      return {
        kind: "violation",
        inArguments,
        message: `${JSON.stringify(node.value)} is not a valid value${where}. Expected one of: ${list}.${hint}`,
        ...at(node),
        data: { allowed, suggestion },
      };
    }
    case "truncated": // made by schemaErrors when it stops checking
      return { kind: "violation", inArguments: false, message: error.message ?? "Schema checking stopped here.", ...at(anchorForObject(node)) };
    case "const":
      return { kind: "violation", inArguments, message: `Expected ${JSON.stringify(params.allowedValue)}${where}.`, ...at(node) };
    case "maxLength": {
      const limit = params.limit as number;
      const length = typeof node.value === "string" ? [...node.value].length : 0;
      const shape = shapeName(error.schemaPath);
      const subject = where.startsWith(" in ") ? where.slice(4) : "The value";
      return {
        kind: "too-long",
        inArguments,
        message: `${subject} is ${length} characters long; the API model allows at most ${limit}${shape ? ` (${shape})` : ""}. CreatePipeline takes it, but the step fails when it runs.`,
        ...at(node),
        data: { limit, length },
      };
    }
    case "minLength":
    case "minItems":
    case "maxItems":
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minProperties":
    case "maxProperties":
      return { kind: "violation", inArguments, message: limitMessage(error.keyword, params.limit as number, where), ...at(node) };
    default:
      return { kind: "violation", inArguments, message: `${capitalize(error.message ?? "Invalid value")}${where}.`, ...at(node) };
  }
}

function limitMessage(keyword: string, limit: number, where: string): string {
  const phrases: Record<string, string> = {
    minLength: `must be at least ${limit} character${limit === 1 ? "" : "s"} long`,
    maxLength: `must be at most ${limit} characters long`,
    minItems: `must have at least ${limit} item${limit === 1 ? "" : "s"}`,
    maxItems: `must have at most ${limit} items`,
    minimum: `must be at least ${limit}`,
    maximum: `must be at most ${limit}`,
    exclusiveMinimum: `must be greater than ${limit}`,
    exclusiveMaximum: `must be less than ${limit}`,
    minProperties: `must have at least ${limit} member${limit === 1 ? "" : "s"}`,
    maxProperties: `must have at most ${limit} members`,
  };
  return `${where.startsWith(" in ") ? where.slice(4) : "The value"} ${phrases[keyword]}.`;
}

/** ` in Steps[2].Arguments.AppSpecification` — a readable path for messages. */
function describeLocation(path: Segment[]): string {
  if (path.length === 0) return " at the top level";
  let text = "";
  for (const segment of path) text += typeof segment === "number" ? `[${segment}]` : text ? `.${segment}` : segment;
  return ` in ${text}`;
}

function stepTypeAt(root: Node, path: Segment[]): string {
  const stepNode = findNodeAtLocation(root, path.slice(0, -1));
  const type = memberValue(stepNode, "Type")?.value;
  return typeof type === "string" ? type : "these";
}

function shapeName(schemaPath: string): string | undefined {
  const match = /definitions\/api\.([A-Za-z0-9]+)/.exec(schemaPath);
  if (!match) return undefined;
  return match[1].replace(/(Request|Input)$/, " request");
}

/** Where to report something missing from an object: its key, else its `Name` or `Type`, else its opening brace. */
function anchorForObject(node: Node): Node {
  const key = keyOf(node);
  if (key) return key;
  const name = memberValue(node, "Name") ?? memberValue(node, "Type");
  if (name) return name;
  // The opening brace (a node's offset may be a getter: not copied by a spread).
  return { type: node.type, offset: node.offset, length: 1 };
}

function describeType(node: Node): string {
  if (node.type === "string") return `the string ${JSON.stringify(node.value).slice(0, 60)}`;
  if (node.type === "number") return `the number ${node.value}`;
  if (node.type === "boolean") return `${node.value}`;
  if (node.type === "null") return "null";
  return node.type === "object" ? "an object" : "an array";
}

function article(type: string): string {
  if (type === "integer" || type === "object" || type === "array") return `an ${type}`;
  if (type === "null") return "null";
  return `a ${type}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
