import { LOG_SCHEME } from "../../../core/src";

/** The step a log tab shows. */
export interface LogTarget {
  executionArn: string;
  step: string;
}

/** `sagemaker-pipelines-log:/<pipeline>/<execution id>/<step>.log`: the tab's title is the step's name. */
export function logUriParts(target: LogTarget): { scheme: string; path: string } {
  const [, pipeline = "pipeline", , id = "execution"] = /pipeline\/([^/]+)\/(execution)\/([^/]+)$/.exec(target.executionArn) ?? [];
  return { scheme: LOG_SCHEME, path: `/${pipeline}/${id}/${target.step}.log` };
}

/** The pipeline's name in an execution ARN (`arn:…:pipeline/<name>/execution/<id>`). */
export function pipelineOfExecution(executionArn: string): string | undefined {
  return /pipeline\/([^/]+)\/execution\//.exec(executionArn)?.[1];
}
