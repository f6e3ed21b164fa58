import type { DocumentRule, Rule } from "../rule";
import { cacheExpireAfterAmbiguous } from "./cache-expire-after-ambiguous";
import { cacheExpireAfterIgnored } from "./cache-expire-after-ignored";
import { cacheExpireAfterInvalid } from "./cache-expire-after-invalid";
import { cacheExpireAfterMissing } from "./cache-expire-after-missing";
import { cacheExpireAfterNoncanonical } from "./cache-expire-after-noncanonical";
import { cacheUnsupportedStepType } from "./cache-unsupported-step-type";
import { conditionNested } from "./condition-nested";
import { definitionTooLarge } from "./definition-too-large";
import { dependencyCycle } from "./dependency-cycle";
import { dependsOnSelf } from "./depends-on-self";
import { dependsOnUnknownStep } from "./depends-on-unknown-step";
import { jsonSyntax } from "./json-syntax";
import { notAPipelineDefinition } from "./not-a-pipeline-definition";
import { parameterDefaultType } from "./parameter-default-type";
import { parameterDuplicate } from "./parameter-duplicate";
import { parameterNameInvalid } from "./parameter-name-invalid";
import { parameterUnused } from "./parameter-unused";
import { processingInputsLimit } from "./processing-inputs-limit";
import { propertyFileUnknown } from "./property-file-unknown";
import { propertyFileUnknownOutput } from "./property-file-unknown-output";
import { referenceInvalidProperty } from "./reference-invalid-property";
import { referenceMalformed } from "./reference-malformed";
import { referencePropertiesSegment } from "./reference-properties-segment";
import { referenceUnknownExecutionVariable } from "./reference-unknown-execution-variable";
import { referenceUnknownOutput } from "./reference-unknown-output";
import { referenceUnknownParameter } from "./reference-unknown-parameter";
import { referenceUnknownStep } from "./reference-unknown-step";
import { retryPolicyConflict } from "./retry-policy-conflict";
import { retryPolicyRange } from "./retry-policy-range";
import { schema } from "./schema";
import { stepNameDuplicate } from "./step-name-duplicate";
import { stepNameInvalid } from "./step-name-invalid";
import { unknownArgument } from "./unknown-argument";
import { valueTooLong } from "./value-too-long";
import { secretInDefinition } from "./secret-in-definition";

export const documentRules: DocumentRule[] = [jsonSyntax, notAPipelineDefinition];

export const pipelineRules: Rule[] = [
  schema,
  unknownArgument,
  valueTooLong,
  stepNameInvalid,
  stepNameDuplicate,
  dependsOnUnknownStep,
  dependsOnSelf,
  dependencyCycle,
  referenceMalformed,
  referenceUnknownStep,
  referenceUnknownParameter,
  referenceUnknownExecutionVariable,
  referencePropertiesSegment,
  referenceInvalidProperty,
  referenceUnknownOutput,
  propertyFileUnknown,
  propertyFileUnknownOutput,
  conditionNested,
  parameterDuplicate,
  parameterNameInvalid,
  parameterDefaultType,
  parameterUnused,
  cacheExpireAfterInvalid,
  cacheExpireAfterNoncanonical,
  cacheExpireAfterAmbiguous,
  cacheExpireAfterMissing,
  cacheExpireAfterIgnored,
  cacheUnsupportedStepType,
  retryPolicyConflict,
  retryPolicyRange,
  processingInputsLimit,
  secretInDefinition,
  definitionTooLarge,
];

export const allRules: Array<Pick<Rule, "code" | "defaultSeverity" | "description">> = [...documentRules, ...pipelineRules];

/**
 * Light mode (a definition the API refuses inline, over 1,048,576 characters, in the editor): syntax, the size error
 * and the references between names only, so that a 20 MB file stays responsive. The schema and the other rules are
 * skipped; `sagemaker-pipelines lint` still runs them all.
 */
export const LIGHT_MODE_CHARACTERS = 1_048_576;

/** The size error says why the other checks are missing. */
const definitionTooLargeLight: Rule = {
  ...definitionTooLarge,
  check: (context) =>
    definitionTooLarge.check(context).map((finding) =>
      finding.severity === "error"
        ? {
            ...finding,
            message: `${finding.message} At this size the editor checks only the syntax and the references (light mode); the CLI's lint checks everything.`,
          }
        : finding,
    ),
};

export const lightModeRules: Rule[] = [
  definitionTooLargeLight,
  stepNameDuplicate,
  dependsOnUnknownStep,
  dependsOnSelf,
  referenceMalformed,
  referenceUnknownStep,
  referenceUnknownParameter,
  referenceUnknownExecutionVariable,
];
