import type { Rule } from "../rule";

/** At this many UTF-8 bytes the SDK uploads the definition to S3 instead of sending it inline. */
const SDK_S3_THRESHOLD_BYTES = 100 * 1024;
/** The API's limit for an inline PipelineDefinition. */
const API_MAX_CHARACTERS = 1_048_576;

export const definitionTooLarge: Rule = {
  code: "definition-too-large",
  defaultSeverity: "warning",
  description: "Over 100 KiB the SDK uploads the definition to S3 (warning); over 1,048,576 characters the API refuses it inline (error).",
  check(context) {
    const characters = context.text.length;
    const anchor = { start: context.root.offset, end: context.root.offset + 1 };
    if (characters > API_MAX_CHARACTERS) {
      return [
        {
          code: "definition-too-large",
          severity: "error",
          message: `The definition has ${characters.toLocaleString("en-US")} characters: CreatePipeline takes at most ${API_MAX_CHARACTERS.toLocaleString("en-US")} inline. Upload it to S3 and pass PipelineDefinitionS3Location.`,
          ...anchor,
        },
      ];
    }
    const bytes = new TextEncoder().encode(context.text).length;
    if (bytes >= SDK_S3_THRESHOLD_BYTES) {
      return [
        {
          code: "definition-too-large",
          message: `The definition is ${(bytes / 1024).toFixed(1)} KiB: from 100 KiB the SageMaker Python SDK uploads it to S3 (PipelineDefinitionS3Location) instead of sending it inline.`,
          ...anchor,
        },
      ];
    }
    return [];
  },
};
