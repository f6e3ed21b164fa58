import { isAbsolute } from "node:path";
import { DEFINITION_DIRECTORY_TAG, type EngineContext } from "./context";
import { validation } from "./errors";
import { evaluate, type EvaluationScope } from "./execution/expressions";
import { filePathProblem } from "./execution/property-file";
import { ObjectStore, PathEscapeError, type Access } from "./object-store";
import { environmentNameProblem, imageOptionProblem } from "./runners/container-values";

/**
 * The paths and container values a definition names, checked when the pipeline is created or updated (static
 * values) and when an execution starts (values that only depend on parameters). Values that come from a step's
 * properties or an execution variable are checked when the step runs. See README, Local mode.
 */

type Json = Record<string, unknown>;

interface Checker {
  uri(value: unknown, access: Access, where: string): void;
  image(value: unknown, where: string): void;
  environment(value: unknown, where: string): void;
}

/**
 * Throws a ValidationException for the first path that leaves its folder or value that could become a docker option;
 * returns the definition.
 */
export function checkDefinitionPaths(
  context: EngineContext,
  definition: string,
  definitionDirectory: string | undefined,
  parameters?: EvaluationScope["parameters"],
): string {
  if (definitionDirectory !== undefined && (typeof definitionDirectory !== "string" || !isAbsolute(definitionDirectory))) {
    throw validation(
      `The tag ${DEFINITION_DIRECTORY_TAG} must be the absolute path of the definition's folder (got '${String(definitionDirectory).slice(0, 200)}').`,
    );
  }
  const objectStore = new ObjectStore(context.store.objectStoreRoot, definitionDirectory ?? context.baseDir);
  const resolve = staticValue(parameters);
  const checker: Checker = {
    uri(value, access, where) {
      const uri = resolve(value);
      if (uri === undefined || uri === "") return; // unknown until the step runs, or absent
      try {
        objectStore.localPath(uri, access);
      } catch (error) {
        if (error instanceof PathEscapeError) throw validation(`${where}: ${error.message}`);
        throw error;
      }
    },
    image(value, where) {
      const image = resolve(value);
      const problem = image === undefined || image === "" ? undefined : imageOptionProblem(image);
      if (problem) throw validation(`${where} ${JSON.stringify(image!.slice(0, 200))} is refused: ${problem}.`);
    },
    environment(value, where) {
      if (!isObject(value)) return;
      for (const name of Object.keys(value)) {
        const problem = environmentNameProblem(name);
        if (problem) throw validation(`${where} ${JSON.stringify(name.slice(0, 200))}: ${problem}.`);
      }
    },
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return definition; // the definition's own checks report it
  }
  if (isObject(parsed)) checkSteps(parsed.Steps, checker);
  return definition;
}

/** A value known without running anything: a string, or (with parameters) an expression over parameters only. */
function staticValue(parameters: EvaluationScope["parameters"] | undefined): (value: unknown) => string | undefined {
  return (value) => {
    if (typeof value === "string") return value;
    if (!parameters || !isObject(value)) return undefined;
    const scope: EvaluationScope = {
      parameters,
      execution: {},
      steps: new Map(),
      readPropertyFile: () => {
        throw new Error("not static");
      },
    };
    try {
      const result = evaluate(value, scope);
      return typeof result === "string" ? result : undefined;
    } catch {
      return undefined; // depends on something only known when the step runs
    }
  };
}

function checkSteps(steps: unknown, checker: Checker): void {
  if (!Array.isArray(steps)) return;
  for (const step of steps) {
    if (!isObject(step)) continue;
    const name = `Step '${String(step.Name)}'`;
    const args = isObject(step.Arguments) ? step.Arguments : {};
    switch (step.Type) {
      case "Processing":
        checkProcessing(args, name, checker);
        break;
      case "Training":
        checkTraining(args, name, checker);
        break;
      case "Transform":
        checker.uri(path(args, "TransformInput", "DataSource", "S3DataSource", "S3Uri"), "read", `${name} TransformInput S3Uri`);
        checker.uri(path(args, "TransformOutput", "S3OutputPath"), "write", `${name} TransformOutput.S3OutputPath`);
        checker.environment(args.Environment, `${name} Environment`);
        break;
      case "Model":
        for (const [index, container] of [args.PrimaryContainer, ...(Array.isArray(args.Containers) ? args.Containers : [])].entries()) {
          if (isObject(container)) checkModelContainer(container, `${name} ${index === 0 ? "PrimaryContainer" : `Containers[${index - 1}]`}`, checker);
        }
        break;
      case "Condition":
        checkSteps(args.IfSteps, checker);
        checkSteps(args.ElseSteps, checker);
        break;
    }
    if (Array.isArray(step.PropertyFiles)) {
      for (const file of step.PropertyFiles) {
        const problem = isObject(file) ? filePathProblem(file.FilePath) : undefined;
        if (problem && isObject(file))
          throw validation(`${name} property file '${String(file.PropertyFileName)}': ${problem} (got '${String(file.FilePath).slice(0, 200)}').`);
      }
    }
  }
}

function checkProcessing(args: Json, name: string, checker: Checker): void {
  checker.image(path(args, "AppSpecification", "ImageUri"), `${name} AppSpecification.ImageUri`);
  checker.environment(args.Environment, `${name} Environment`);
  for (const [index, input] of list(args.ProcessingInputs).entries()) {
    checker.uri(path(input, "S3Input", "S3Uri"), "read", `${name} ProcessingInputs[${index}].S3Input.S3Uri`);
  }
  for (const [index, output] of list(path(args, "ProcessingOutputConfig", "Outputs")).entries()) {
    checker.uri(path(output, "S3Output", "S3Uri"), "write", `${name} ProcessingOutputConfig.Outputs[${index}].S3Output.S3Uri`);
  }
}

function checkTraining(args: Json, name: string, checker: Checker): void {
  checker.image(path(args, "AlgorithmSpecification", "TrainingImage"), `${name} AlgorithmSpecification.TrainingImage`);
  checker.environment(args.Environment, `${name} Environment`);
  for (const [index, channel] of list(args.InputDataConfig).entries()) {
    checker.uri(path(channel, "DataSource", "S3DataSource", "S3Uri"), "read", `${name} InputDataConfig[${index}] S3Uri`);
  }
  checker.uri(path(args, "OutputDataConfig", "S3OutputPath"), "write", `${name} OutputDataConfig.S3OutputPath`);
  const submit = path(args, "HyperParameters", "sagemaker_submit_directory");
  checker.uri(typeof submit === "string" ? jsonDecoded(submit) : submit, "read", `${name} HyperParameters.sagemaker_submit_directory`);
}

function checkModelContainer(container: Json, where: string, checker: Checker): void {
  checker.image(container.Image, `${where}.Image`);
  checker.uri(container.ModelDataUrl, "read", `${where}.ModelDataUrl`);
  checker.environment(container.Environment, `${where}.Environment`);
  const submit = path(container, "Environment", "SAGEMAKER_SUBMIT_DIRECTORY");
  // A path under /opt/ml/model names the model's own folder in the container, not a host path.
  if (!(typeof submit === "string" && /^\/opt\/ml\/model(\/|$)/.test(submit))) checker.uri(submit, "read", `${where}.Environment.SAGEMAKER_SUBMIT_DIRECTORY`);
}

/** The SDK JSON-encodes hyperparameters (`"\"s3://b/sourcedir.tar.gz\""`). */
function jsonDecoded(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function path(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
