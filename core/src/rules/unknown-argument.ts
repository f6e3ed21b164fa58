import type { Rule } from "../rule";

export const unknownArgument: Rule = {
  code: "unknown-argument",
  defaultSeverity: "error",
  description: "A member inside `Arguments` that the step type's API request does not have (the service rejects it).",
  check: (context) =>
    context.schemaIssues
      .filter((issue) => issue.kind === "unknown-member" && issue.inArguments)
      .map(({ message, start, end, data }) => ({ code: "unknown-argument", message, start, end, data })),
};
