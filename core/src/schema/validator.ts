import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import schema from "../../../schemas/pipeline-definition.schema.json";

let compiled: ValidateFunction | undefined;

/** Compiled once per process, on first use: compiling the schema is the expensive part. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export function schemaErrors(value: unknown): ErrorObject[] {
  const validate = validator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

export { schema as pipelineSchema };
