// The definition check of CreatePipeline and UpdatePipeline in a worker thread (bundled alone as
// dist/definition-check.js): a large definition is analysed without holding the engine's event loop.
import { parentPort } from "node:worker_threads";
import { definitionRefusal } from "./definition-check";

export interface DefinitionCheckRequest {
  id: number;
  definition: string;
}

export interface DefinitionCheckAnswer {
  id: number;
  refusal?: string;
  /** The analysis itself failed (a bug): the request gets an internal error. */
  error?: string;
}

parentPort?.on("message", ({ id, definition }: DefinitionCheckRequest) => {
  let answer: DefinitionCheckAnswer;
  try {
    answer = { id, refusal: definitionRefusal(definition) };
  } catch (error) {
    answer = { id, error: (error as Error)?.message ?? String(error) };
  }
  parentPort!.postMessage(answer);
});
