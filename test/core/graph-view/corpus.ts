import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const CORPUS = join(import.meta.dirname, "../../fixtures/corpus");

/** The corpus definitions that are JSON pipeline definitions (the edge cases are not). */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

export const corpusText = (file: string) => readFileSync(join(CORPUS, file), "utf8");

/** A definition of the given steps (JSON text). */
export const definition = (steps: unknown[]) => JSON.stringify({ Version: "2020-12-01", Parameters: [], Steps: steps }, null, 2);
