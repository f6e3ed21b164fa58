import type { Rule } from "../rule";

/**
 * A string longer than its member's `max` in the vendored SageMaker API model (schemas/source/): ContainerArguments
 * items, Environment and HyperParameters values, names. The limits reach the schema through scripts/generate-schema.mjs
 * (botocore `max` → `maxLength`); this rule reports those violations under their own code.
 */
export const valueTooLong: Rule = {
  code: "value-too-long",
  defaultSeverity: "error",
  description: "A string over the API model's maximum length for its member (ContainerArguments items, Environment values, HyperParameters, names).",
  check: (context) =>
    context.schemaIssues
      .filter((issue) => issue.kind === "too-long")
      .map(({ message, start, end, data }) => ({ code: "value-too-long", message, start, end, data })),
};
