import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { schemaAtPath, view } from "../../schema/navigate";
import type { CompletionContext } from "./context";
import { literalValueItem, stringValueItem } from "./items";

/** A value whose schema has an enum (instance types, S3DataType, a condition's Type…); true/false for a boolean. */
export function schemaValueCompletion(context: CompletionContext): CompletionItem[] | undefined {
  if (context.atKey) return undefined;
  if (!context.token && !context.fresh) return [];
  const at = schemaAtPath(context.path, context.root);
  if (!at) return [];
  const schema = view(at.schema, undefined);
  const values = schema.enum ?? (context.fresh && schema.types.has("boolean") ? [true, false] : []);
  return values.flatMap((value) => {
    if (typeof value === "string") return [stringValueItem(context, value, { kind: CompletionItemKind.EnumMember })];
    if (context.token) return [];
    return [literalValueItem(context, value, { kind: CompletionItemKind.Value })];
  });
}
