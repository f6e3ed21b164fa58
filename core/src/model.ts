import { elements, memberValue, propertyNode, stringValue, walk, type Node } from "./json";
import { parseReference, type ParsedReference } from "./references";

export interface StepModel {
  node: Node;
  name?: string;
  nameNode?: Node;
  type?: string;
  typeNode?: Node;
  argumentsNode?: Node;
  dependsOn: Array<{ name: string; node: Node }>;
  /** The Condition step whose branch holds this step. */
  condition?: StepModel;
  branch?: "IfSteps" | "ElseSteps";
  /** The ForEach step whose ForEachBody holds this step (SDK v3). */
  forEach?: StepModel;
}

export interface ParameterModel {
  node: Node;
  name?: string;
  nameNode?: Node;
  /** `String` when the member is absent, as the service assumes. */
  type: string;
  typeNode?: Node;
  defaultNode?: Node;
  enumValuesNode?: Node;
}

export interface GetReference {
  /** The string node holding the reference. */
  node: Node;
  text: string;
  parsed: ParsedReference;
  /** The step whose own definition holds the reference (branch bodies excluded). */
  owner?: StepModel;
  /** True for `{"Std:JsonGet": {"PropertyFile": {"Get": ...}}}`. */
  isPropertyFile: boolean;
}

export interface PipelineModel {
  root: Node;
  parameters: ParameterModel[];
  /** Every step, top level, inside Condition branches and ForEach bodies, in document order. */
  steps: StepModel[];
  /** The first step of each name. */
  stepsByName: Map<string, StepModel>;
  parametersByName: Map<string, ParameterModel>;
  references: GetReference[];
}

export const BRANCH_KEYS = ["IfSteps", "ElseSteps"] as const;

/** The steps and references of one top-level step (with the steps nested in its branches or body). */
export interface StepParts {
  steps: StepModel[];
  references: GetReference[];
}

export function buildModel(root: Node): PipelineModel {
  return assembleModel(root, elements(memberValue(root, "Steps")).map(stepParts));
}

/** The model part of one element of the top-level `Steps` array: a pure function of its subtree, so it can be kept while it is unchanged. */
export function stepParts(node: Node): StepParts {
  const steps: StepModel[] = [];
  const references: GetReference[] = [];
  collectSteps({ type: "array", offset: node.offset, length: node.length, children: [node] } as Node, undefined, undefined, steps);
  for (const step of steps) collectReferences(step.node, step, references);
  return { steps, references };
}

/** The model from the parts of each top-level step, in document order (the same as one pass over the whole tree). */
export function assembleModel(root: Node, parts: readonly StepParts[]): PipelineModel {
  const parameters = elements(memberValue(root, "Parameters"))
    .filter((n) => n.type === "object")
    .map(readParameter);
  const steps: StepModel[] = [];
  const references: GetReference[] = [];
  collectReferences(root, undefined, references);
  for (const part of parts) for (const step of part.steps) steps.push(step);
  for (const part of parts) for (const reference of part.references) references.push(reference);

  const stepsByName = firstOfEachName(steps);
  const parametersByName = new Map<string, ParameterModel>();
  for (const p of parameters) if (p.name !== undefined && !parametersByName.has(p.name)) parametersByName.set(p.name, p);
  return { root, parameters, steps, stepsByName, parametersByName, references };
}

/**
 * The model of the next version when one top-level step's part was replaced (`before` by `after`, at the same place):
 * its steps and references are updated from the two parts alone, in place (the previous version's model is used up),
 * and so are its names when the part's names are the same, in the same order. When they differ (a rename), the names
 * are listed again: their order is the order of first occurrence, which the suggestions and the graph keep.
 * Undefined when the place of `after` cannot be told (the old part held no step or no reference where the new one
 * holds some): the caller assembles the model again.
 */
export function replaceStepPart(model: PipelineModel, before: StepParts, after: StepParts): { model: PipelineModel; namesListed: boolean } | undefined {
  const stepsAt = placeOf(model.steps, before.steps, after.steps);
  const referencesAt = placeOf(model.references, before.references, after.references);
  if (stepsAt === undefined || referencesAt === undefined) return undefined;
  model.steps.splice(stepsAt, before.steps.length, ...after.steps);
  model.references.splice(referencesAt, before.references.length, ...after.references);
  const sameNames = before.steps.length === after.steps.length && before.steps.every((step, k) => step.name === after.steps[k].name);
  if (sameNames) {
    before.steps.forEach((step, k) => {
      if (step.name !== undefined && model.stepsByName.get(step.name) === step) model.stepsByName.set(step.name, after.steps[k]);
    });
    return { model: { ...model }, namesListed: false };
  }
  return { model: { ...model, stepsByName: firstOfEachName(model.steps) }, namesListed: true };
}

/** The model of the next version when only members outside `Steps` changed (a parameter): the steps' parts are kept. */
export function replaceOutsideSteps(model: PipelineModel, root: Node): PipelineModel {
  const outside = assembleModel(root, []);
  let rootReferences = 0;
  while (rootReferences < model.references.length && model.references[rootReferences].owner === undefined) rootReferences++;
  const references = outside.references.concat(rootReferences === 0 ? model.references : model.references.slice(rootReferences));
  return { ...model, root, parameters: outside.parameters, parametersByName: outside.parametersByName, references };
}

/** Where the run `before` starts in `array` (0 when both runs are empty: nothing moves). */
function placeOf<T>(array: readonly T[], before: readonly T[], after: readonly T[]): number | undefined {
  if (before.length === 0) return after.length === 0 ? 0 : undefined;
  const at = array.indexOf(before[0]);
  return at < 0 ? undefined : at;
}

function firstOfEachName(steps: readonly StepModel[]): Map<string, StepModel> {
  const stepsByName = new Map<string, StepModel>();
  for (const step of steps) if (step.name !== undefined && !stepsByName.has(step.name)) stepsByName.set(step.name, step);
  return stepsByName;
}

function readParameter(node: Node): ParameterModel {
  const nameNode = memberValue(node, "Name");
  const typeNode = memberValue(node, "Type");
  return {
    node,
    name: stringValue(nameNode),
    nameNode,
    type: stringValue(typeNode) ?? "String",
    typeNode,
    defaultNode: memberValue(node, "DefaultValue"),
    enumValuesNode: memberValue(node, "EnumValues"),
  };
}

function collectSteps(array: Node | undefined, condition: StepModel | undefined, branch: StepModel["branch"], into: StepModel[], forEach?: StepModel): void {
  for (const node of elements(array)) {
    if (node.type !== "object") continue;
    const nameNode = memberValue(node, "Name");
    const typeNode = memberValue(node, "Type");
    const argumentsNode = memberValue(node, "Arguments");
    const step: StepModel = {
      node,
      name: stringValue(nameNode),
      nameNode,
      type: stringValue(typeNode),
      typeNode,
      argumentsNode,
      // A name, or SDK v3's {"Step": name, "Trigger": outcome}.
      dependsOn: elements(memberValue(node, "DependsOn"))
        .map((n) => (n.type === "object" ? memberValue(n, "Step") : n))
        .filter((n): n is Node => n?.type === "string")
        .map((n) => ({ name: n.value as string, node: n })),
      condition,
      branch,
      ...(forEach ? { forEach } : {}),
    };
    into.push(step);
    if (step.type === "Condition") {
      for (const key of BRANCH_KEYS) collectSteps(memberValue(argumentsNode, key), step, key, into);
    }
    if (step.type === "ForEach") collectSteps(memberValue(argumentsNode, "ForEachBody"), undefined, undefined, into, step);
  }
}

/** The branch arrays of a Condition step and the body of a ForEach step hold other steps: they are not part of its own definition. */
function isBranchArray(node: Node, owner: StepModel | undefined): boolean {
  if ((owner?.type !== "Condition" && owner?.type !== "ForEach") || node.type !== "array") return false;
  const property = node.parent;
  const key = property?.children?.[0]?.value;
  if (property?.parent !== owner.argumentsNode) return false;
  return owner.type === "Condition" ? key === "IfSteps" || key === "ElseSteps" : key === "ForEachBody";
}

function collectReferences(scope: Node, owner: StepModel | undefined, into: GetReference[]): void {
  walk(scope, (node) => {
    if (owner === undefined && node === memberValue(scope, "Steps")) return false;
    if (isBranchArray(node, owner)) return false;
    if (node.type !== "object") return;
    const get = memberValue(node, "Get");
    if (get?.type !== "string") return;
    const text = get.value as string;
    into.push({ node: get, text, parsed: parseReference(text), owner, isPropertyFile: isPropertyFileSlot(node) });
  });
}

function isPropertyFileSlot(getObject: Node): boolean {
  const property = getObject.parent;
  if (property?.type !== "property" || property.children?.[0]?.value !== "PropertyFile") return false;
  const jsonGetBody = property.parent;
  const holder = jsonGetBody?.parent;
  return holder?.type === "property" && holder.children?.[0]?.value === "Std:JsonGet";
}

export function hasMember(node: Node | undefined, key: string): boolean {
  return propertyNode(node, key) !== undefined;
}
