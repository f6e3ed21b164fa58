import type { Rule } from "../rule";

export const schema: Rule = {
  code: "schema",
  defaultSeverity: "error",
  description: "A value does not match the definition schema (types, required members, enumerations, API limits).",
  check: (context) =>
    context.schemaIssues
      .filter((issue) => !(issue.kind === "unknown-member" && issue.inArguments) && issue.kind !== "too-long")
      .map(({ message, start, end, data }) => ({ code: "schema", message, start, end, data })),
};
