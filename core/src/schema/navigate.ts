import schemaJson from "../../../schemas/pipeline-definition.schema.json";
import { memberValue, propertyNode, type Node } from "../json";

/**
 * Walks the generated pipeline definition schema (draft-07) along a JSON path, for editor features.
 * Only the keywords the generator emits are understood: $ref, properties, additionalProperties, items,
 * enum, const, type, description, allOf, and if/then/else. An `if` is decided against the written value
 * where that is possible (`IsExpression`, `Type` discriminators, placeholder patterns); an `if` that
 * cannot be decided, or that has no value to look at, takes its `else` (the real, non-expression type).
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  pattern?: string;
  [keyword: string]: unknown;
}

export type PathSegment = string | number;

const rootSchema = schemaJson as unknown as JsonSchema;
const definitions = (rootSchema.definitions ?? {}) as Record<string, JsonSchema>;
const IS_EXPRESSION = "#/definitions/IsExpression";
const MAX_DEPTH = 40;

/** What the schemas that apply to one value say about it, merged. */
export interface SchemaView {
  /** Named members (first definition of a name wins: outer schemas before the branches they select). */
  properties: Record<string, JsonSchema>;
  /** The schema of members not named in `properties` (maps), if any. */
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  /** JSON types of the real (non-expression) value. */
  types: Set<string>;
  description?: string;
  /** True when an expression ({"Get": ...}, Std:Join, Std:JsonGet) may stand here. */
  expressionAllowed: boolean;
}

export function definition(name: string): JsonSchema | undefined {
  return definitions[name];
}

export function pipelineRootSchema(): JsonSchema {
  return rootSchema;
}

function deref(ref: string): JsonSchema | undefined {
  return ref.startsWith("#/definitions/") ? definitions[ref.slice("#/definitions/".length)] : ref === "#" ? rootSchema : undefined;
}

/** Every schema that applies to a value, following $ref, allOf and the if/then/else branches `node` selects. */
export function applicable(schema: JsonSchema | undefined, node: Node | undefined): JsonSchema[] {
  const out: JsonSchema[] = [];
  const visit = (s: JsonSchema | undefined, depth: number): void => {
    if (!s || typeof s !== "object" || depth > MAX_DEPTH) return;
    out.push(s);
    if (typeof s.$ref === "string") visit(deref(s.$ref), depth + 1);
    if (s.if !== undefined) {
      const decided = test(s.if, node, 0);
      visit(decided === true ? s.then : decided === false ? s.else : (s.else ?? undefined), depth + 1);
    }
    for (const sub of s.allOf ?? []) visit(sub, depth + 1);
  };
  visit(schema, 0);
  return out;
}

export function view(schema: JsonSchema | undefined, node: Node | undefined): SchemaView {
  const result: SchemaView = { properties: {}, types: new Set(), expressionAllowed: false };
  for (const s of applicable(schema, node)) {
    if (s.if?.$ref === IS_EXPRESSION) result.expressionAllowed = true;
    for (const [name, member] of Object.entries(s.properties ?? {})) if (!(name in result.properties)) result.properties[name] = member;
    if (result.additionalProperties === undefined && typeof s.additionalProperties === "object") result.additionalProperties = s.additionalProperties;
    if (result.items === undefined && s.items && typeof s.items === "object") result.items = s.items;
    if (result.enum === undefined && Array.isArray(s.enum)) result.enum = s.enum;
    if (result.enum === undefined && s.const !== undefined) result.enum = [s.const];
    if (result.description === undefined && typeof s.description === "string") result.description = s.description;
    for (const t of typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : []) result.types.add(t);
  }
  return result;
}

/** The schema of one member or element, as written under `schema` (undefined when the schema has none). */
export function childSchema(schema: JsonSchema | undefined, node: Node | undefined, segment: PathSegment): JsonSchema | undefined {
  const v = view(schema, node);
  if (typeof segment === "number") return v.items;
  return v.properties[segment] ?? v.additionalProperties;
}

/** The schema (and written node, if any) at a JSON path from the document root. */
export function schemaAtPath(path: PathSegment[], root: Node | undefined): { schema: JsonSchema; node: Node | undefined } | undefined {
  let schema: JsonSchema | undefined = rootSchema;
  let node = root;
  for (const segment of path) {
    schema = childSchema(schema, node, segment);
    if (!schema) return undefined;
    node = childNode(node, segment);
  }
  return { schema, node };
}

/** The description of a member: the one written next to its $ref, else the referenced schema's. */
export function describe(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.description === "string") return schema.description;
  return view(schema, undefined).description;
}

export function childNode(node: Node | undefined, segment: PathSegment): Node | undefined {
  if (!node) return undefined;
  if (typeof segment === "number") return node.type === "array" ? node.children?.[segment] : undefined;
  return memberValue(node, segment);
}

/** Decides a schema used as an `if` against a written value: true, false, or undefined (cannot tell). */
function test(schema: JsonSchema | undefined, node: Node | undefined, depth: number): boolean | undefined {
  if (!schema || !node || depth > MAX_DEPTH) return undefined;
  let result = true as boolean | undefined;
  const and = (r: boolean | undefined) => {
    if (r === false) result = false;
    else if (r === undefined && result === true) result = undefined;
  };
  for (const [keyword, value] of Object.entries(schema)) {
    if (result === false) break;
    switch (keyword) {
      case "$ref":
        and(test(deref(value as string), node, depth + 1));
        break;
      case "description":
        break;
      case "type":
        and((Array.isArray(value) ? value : [value]).some((t) => hasType(node, t as string)));
        break;
      case "required":
        and(node.type !== "object" || (value as string[]).every((key) => propertyNode(node, key) !== undefined));
        break;
      case "properties":
        if (node.type !== "object") break;
        for (const [key, sub] of Object.entries(value as Record<string, JsonSchema>)) {
          const member = memberValue(node, key);
          if (member) and(test(sub, member, depth + 1));
        }
        break;
      case "const":
        and(isLiteral(node) && node.value === value);
        break;
      case "enum":
        and(isLiteral(node) && (value as unknown[]).includes(node.value));
        break;
      case "anyOf": {
        const results = (value as JsonSchema[]).map((sub) => test(sub, node, depth + 1));
        and(results.includes(true) ? true : results.every((r) => r === false) ? false : undefined);
        break;
      }
      case "pattern":
        if (node.type === "string") {
          try {
            and(new RegExp(value as string, "u").test(node.value as string));
          } catch {
            and(undefined);
          }
        }
        break;
      default:
        and(undefined);
    }
  }
  return result;
}

function isLiteral(node: Node): boolean {
  return node.type === "string" || node.type === "number" || node.type === "boolean" || node.type === "null";
}

function hasType(node: Node, type: string): boolean {
  if (type === "integer") return node.type === "number" && Number.isInteger(node.value);
  return node.type === type;
}
