// Types of validators.generated.js, which scripts/generate-validator.mjs writes (on `npm run build` or any
// scripts/run-tests.mjs run; git-ignored): the pipeline schema's validators as ajv standalone code.
import type { ValidateFunction } from "ajv";

/** The whole definition, with the schema's `Step` items (top-level Steps, Condition branches) left unchecked. */
export declare const root: ValidateFunction;
/** `#/definitions/Step`: one step. */
export declare const step: ValidateFunction;
