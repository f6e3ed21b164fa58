import { isPipelineDefinition } from "../detect";
import { memberValue, span } from "../json";
import type { DocumentRule } from "../rule";

const code = "not-a-pipeline-definition";

export const notAPipelineDefinition: DocumentRule = {
  code,
  defaultSeverity: "error",
  description: "The top-level value is not a pipeline definition object with a `Steps` array.",
  check(document) {
    const root = document.root;
    if (!root || document.syntaxProblems.length > 0) return [];
    if (root.type === "string") {
      const decoded = tryParse(root.value as string);
      const message =
        (decoded && typeof decoded === "object" && "Steps" in decoded) || isPipelineDefinition(root.value as string)
          ? "The definition is JSON-encoded a second time: the file holds one JSON string whose content is the definition. Decode it once (e.g. json.loads) and save the object itself."
          : "A pipeline definition is a JSON object, not a string.";
      return [{ code, message, ...span(root), data: { doubleEncoded: decoded !== undefined } }];
    }
    if (root.type !== "object") {
      return [
        {
          code,
          message: `A pipeline definition is a JSON object with a Steps array, not ${root.type === "array" ? "an array" : `a ${root.type}`}.`,
          ...span(root),
        },
      ];
    }
    const steps = memberValue(root, "Steps");
    if (!steps) {
      return [{ code, message: "A pipeline definition needs a top-level 'Steps' array.", start: root.offset, end: root.offset + 1 }];
    }
    if (steps.type !== "array") {
      return [{ code, message: "'Steps' must be an array of step objects.", ...span(steps) }];
    }
    return [];
  },
};

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
