import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { describe, schemaAtPath, view, type JsonSchema } from "../../schema/navigate";
import { presentKeys, type CompletionContext } from "./context";
import { emptyValueSnippet, keyItem, TRIGGER_SUGGEST } from "./items";

/**
 * A key inside an object below a step (Arguments at any depth, CacheConfig, RetryPolicies…): the
 * members the schema names there and the object lacks. In an empty object where an expression is
 * expected, the expression keys.
 */
export function schemaKeyCompletion(context: CompletionContext): CompletionItem[] | undefined {
  if (!context.atKey) return undefined;
  if (!context.step || context.step.rest.length < 2) return [];
  const at = schemaAtPath(context.path.slice(0, -1), context.root);
  if (!at) return [];
  const object = at.node?.type === "object" ? at.node : undefined;
  const schema = view(at.schema, object);
  const present = presentKeys(context, object);
  const names = Object.keys(schema.properties).filter((name) => !present.has(name));
  if (names.length === 0 && present.size === 0 && schema.expressionAllowed && !schema.types.has("object")) return expressionKeys(context);
  return names.map((name) => {
    const member = schema.properties[name];
    const value = view(member, undefined);
    return keyItem(context, name, emptyValueSnippet(value.types), {
      kind: CompletionItemKind.Property,
      detail: typeLabel(member, value.types),
      documentation: describe(member),
      command: value.enum && value.types.has("string") ? TRIGGER_SUGGEST : undefined,
    });
  });
}

function expressionKeys(context: CompletionContext): CompletionItem[] {
  return [
    keyItem(context, "Get", '"$1"', {
      kind: CompletionItemKind.Function,
      documentation: "A parameter, execution variable or step property.",
      command: TRIGGER_SUGGEST,
    }),
    keyItem(context, "Std:Join", '{"On": "${1:/}", "Values": [$2]}', { kind: CompletionItemKind.Function, documentation: "Joins values with a separator." }),
    keyItem(context, "Std:JsonGet", '{"PropertyFile": {"Get": "Steps.$1"}, "Path": "$2"}', {
      kind: CompletionItemKind.Function,
      documentation: "Reads a value from a property file of a Processing step.",
    }),
  ];
}

/** `ProcessingResources`, `string`, `array`…: the referenced API shape's name, else the JSON type. */
function typeLabel(schema: JsonSchema, types: Set<string>): string | undefined {
  const ref = typeof schema.$ref === "string" ? /#\/definitions\/(?:api\.)?(.+)$/.exec(schema.$ref)?.[1] : undefined;
  if (ref && !ref.startsWith("value.")) return ref;
  return types.size ? [...types].join(" | ") : undefined;
}
