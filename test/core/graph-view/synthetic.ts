/**
 * A deterministic synthetic definition of `count` steps for layout benchmarks: Processing/Training steps that read
 * outputs of a few earlier steps (`Get`), DependsOn edges, and a Condition every 25 steps whose branches hold two steps.
 */
export function syntheticDefinition(count: number, seed = 1): string {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const steps: unknown[] = [];
  const names: string[] = [];
  const step = (i: number) => {
    const name = `Step${String(i).padStart(4, "0")}`;
    const reads = names.length === 0 ? [] : Array.from({ length: 1 + random(2) }, () => names[Math.max(0, names.length - 1 - random(12))]);
    const dependsOn = names.length > 3 && random(4) === 0 ? [names[Math.max(0, names.length - 1 - random(20))]] : undefined;
    names.push(name);
    return {
      Name: name,
      Type: i % 3 === 0 ? "Training" : "Processing",
      ...(dependsOn ? { DependsOn: dependsOn } : {}),
      Arguments: { Inputs: [...new Set(reads)].map((r) => ({ Get: `Steps.${r}.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri` })) },
    };
  };
  let i = 0;
  while (i < count) {
    if (i % 25 === 24 && i + 3 <= count) {
      const name = `Cond${String(i).padStart(4, "0")}`;
      const left = names[names.length - 1];
      names.push(name);
      i++;
      const ifStep = step(i++);
      const elseStep = step(i++);
      steps.push({
        Name: name,
        Type: "Condition",
        Arguments: {
          Conditions: [{ Type: "LessThanOrEqualTo", LeftValue: { Get: `Steps.${left}.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri` }, RightValue: 1 }],
          IfSteps: [ifStep],
          ElseSteps: [elseStep],
        },
      });
      continue;
    }
    steps.push(step(i++));
  }
  return JSON.stringify({ Version: "2020-12-01", Metadata: {}, Parameters: [], Steps: steps }, null, 2);
}
