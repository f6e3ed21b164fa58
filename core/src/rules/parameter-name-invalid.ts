import { span } from "../json";
import type { Rule } from "../rule";

const VALID = /^[A-Za-z0-9_-]{1,256}$/;

export const parameterNameInvalid: Rule = {
  code: "parameter-name-invalid",
  defaultSeverity: "error",
  description: "A parameter name that is not 1 to 256 letters, digits, '-' or '_'.",
  acrossSteps: [],
  check: (context) =>
    context.model.parameters
      .filter((p) => p.name !== undefined && !VALID.test(p.name))
      .map((p) => ({
        code: "parameter-name-invalid",
        message: `Parameter name '${p.name}' is invalid: use 1 to 256 letters, digits, '-' or '_'.`,
        ...span(p.nameNode!),
      })),
};
