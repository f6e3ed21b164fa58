/**
 * Analysis time on adversarial input: thousands of unknown names (each a near miss of a real one), duplicate
 * names, a cycle through every step, thousands of unknown outputs of one step. Before issue #14 the "did you
 * mean" suggestions compared every unknown name with every name: 2,000 / 4,000 / 8,000 unknown `DependsOn`
 * entries took 7 s / 21 s / 174 s. The target: 8,000 analyse in under 1 s.
 */
import { analyze } from "../../core/src";
import { suggestionWork } from "../../core/src/suggestions";
import { ADVERSARIAL_KINDS, generateAdversarial } from "../../test/helpers/generate-adversarial";
import { measure, median } from "./stats";

export interface AdversarialRow {
  kind: string;
  n: number;
  kib: number;
  diagnostics: number;
  /** Edit-distance computations of one analysis. */
  distances: number;
  ms: number;
}

export async function benchAdversarial(sizes = [2_000, 4_000, 8_000]): Promise<AdversarialRow[]> {
  const rows: AdversarialRow[] = [];
  for (const kind of ADVERSARIAL_KINDS) {
    for (const n of sizes) {
      const text = generateAdversarial(n, kind);
      const before = suggestionWork.distances;
      const diagnostics = analyze(text).diagnostics.length;
      const distances = suggestionWork.distances - before;
      const times = await measure(() => analyze(text), { warmup: 1, min: 3, max: 5, budgetMs: 3_000 });
      rows.push({ kind, n, kib: text.length / 1024, diagnostics, distances, ms: median(times) });
    }
  }
  return rows;
}
