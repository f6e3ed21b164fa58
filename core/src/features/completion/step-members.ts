import { CompletionItemKind, type CompletionItem } from "vscode-languageserver-types";
import { memberValue } from "../../json";
import type { StepModel } from "../../model";
import { definition, describe, view } from "../../schema/navigate";
import { canCache } from "../../step-types";
import { declaredOutputs } from "../../rules/reference-unknown-output";
import { presentKeys, type CompletionContext, type StepContext } from "./context";
import { emptyValueSnippet, keyItem, TRIGGER_SUGGEST, type ItemOptions } from "./items";
import { jsonSnippet, rawTab, tab } from "./snippet";

/** Members of every step, offered before the step has a known Type. */
const COMMON = ["Name", "Type", "Arguments", "DependsOn", "DisplayName", "Description"];

/** Types that take RetryPolicies (retry policy documentation and the SDK's ConfigurableRetryStep). */
const RETRY_TYPES = new Set([
  "Processing",
  "Training",
  "Transform",
  "Tuning",
  "Model",
  "RegisterModel",
  "AutoML",
  "EMR",
  "EndpointConfig",
  "ClarifyCheck",
  "QualityCheck",
]);
/** Types that run a SageMaker job, for which the SageMaker.* exception types apply. */
const JOB_TYPES = new Set(["Processing", "Training", "Transform", "Tuning", "AutoML", "ClarifyCheck", "QualityCheck"]);

/** A key inside a step object: its members for the step's type, the common ones as snippets. */
export function stepMemberCompletion(context: CompletionContext): CompletionItem[] | undefined {
  const { step } = context;
  if (!context.atKey || !step || step.rest.length !== 1) return undefined;
  const typed = step.type ? definition(`step.${step.type}`) : undefined;
  const properties = view(typed ?? definition("Step"), step.node).properties;
  const names = typed ? Object.keys(properties) : COMMON;
  const present = presentKeys(context, step.node);
  return names
    .filter((name) => !present.has(name))
    .filter((name) => name !== "CacheConfig" || canCache(step.type))
    .filter((name) => name !== "RetryPolicies" || RETRY_TYPES.has(step.type ?? ""))
    .map((name) => {
      const schema = properties[name] ?? definition("step.Fail")?.properties?.[name];
      const special = SNIPPETS[name]?.(context, step);
      const options: ItemOptions = {
        kind: special ? CompletionItemKind.Snippet : CompletionItemKind.Property,
        documentation: describe(schema),
        ...special?.options,
      };
      return keyItem(context, name, special?.value ?? emptyValueSnippet(view(schema, undefined).types), options);
    });
}

type Special = (context: CompletionContext, step: StepContext) => { value: string; options?: ItemOptions };

const SNIPPETS: Record<string, Special> = {
  Type: () => ({ value: '"$1"', options: { command: TRIGGER_SUGGEST } }),
  DependsOn: () => ({ value: '["$1"]', options: { command: TRIGGER_SUGGEST } }),
  DisplayName: (_, step) => ({ value: `"\${1:${snippetText(step.name ?? "")}}"` }),
  Description: () => ({ value: '"$1"' }),
  CacheConfig: () => ({
    value: jsonSnippet({ Enabled: true, ExpireAfter: tab(1, "PT1H") }),
    options: {
      detail: "cache for one hour",
      documentation: "Reuse a successful run of this step with the same cache key for `ExpireAfter` (an ISO 8601 duration).",
    },
  }),
  RetryPolicies: (_, step) => ({
    value: jsonSnippet([
      {
        ExceptionType: [
          ...(JOB_TYPES.has(step.type ?? "") ? ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR"] : []),
          "Step.SERVICE_FAULT",
          "Step.THROTTLING",
        ],
        IntervalSeconds: rawTab(1, 10),
        BackoffRate: rawTab(2, 2),
        MaxAttempts: rawTab(3, 3),
      },
    ]),
    options: {
      detail: "retry 3 times, backing off",
      documentation: "Retry the step on these failures: after 10 s, then twice as long each time, at most 3 times.",
    },
  }),
  PropertyFiles: (_, step) => {
    const model = { node: step.node, argumentsNode: memberValue(step.node, "Arguments"), dependsOn: [] } as unknown as StepModel;
    const output = (step.node && declaredOutputs(model, "Outputs")?.[0]) || "evaluation";
    return {
      value: jsonSnippet([{ PropertyFileName: tab(1, "EvaluationReport"), OutputName: tab(2, output), FilePath: tab(3, "evaluation.json") }]),
      options: {
        detail: "a JSON file in an output",
        documentation: "A JSON file written to one of the step's outputs, read with `Std:JsonGet` as `Steps.<step>.PropertyFiles.<name>`.",
      },
    };
  },
};

function snippetText(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[\\$}]/g, (c) => `\\${c}`);
}
