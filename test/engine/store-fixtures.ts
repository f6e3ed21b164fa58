/** Two Processing steps; the second depends on the first. Parameters and step names as given. */
export function twoStepDefinition(names: { first?: string; second?: string; parameters?: Array<{ Name: string; DefaultValue: string }> } = {}): string {
  const first = names.first ?? "First";
  const parameters = names.parameters ?? [];
  const processing = (environment: Record<string, unknown>) => ({
    ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: "image" },
    RoleArn: "arn:aws:iam::123456789012:role/Role",
    Environment: environment,
  });
  return JSON.stringify({
    Version: "2020-12-01",
    Parameters: parameters.map((p) => ({ Name: p.Name, Type: "String", DefaultValue: p.DefaultValue })),
    Steps: [
      { Name: first, Type: "Processing", Arguments: processing(Object.fromEntries(parameters.map((p, i) => [`P${i}`, { Get: `Parameters.${p.Name}` }]))) },
      { Name: names.second ?? "Second", Type: "Processing", DependsOn: [first], Arguments: processing({ FROM: "second" }) },
    ],
  });
}
