import { elements, memberValue, stringContentSpan, stringValue } from "../json";
import { listed } from "../listed";
import type { Rule } from "../rule";

/** `{"Get": "Steps.X.PropertyFiles.Name"}`: X must be a Processing step that declares property file Name. */
export const propertyFileUnknown: Rule = {
  code: "property-file-unknown",
  defaultSeverity: "error",
  description: "A `Std:JsonGet` property file (`Steps.X.PropertyFiles.Name`) that step X does not declare, or X is not a Processing step.",
  acrossSteps: ["names", "outputs", "references"],
  check(context) {
    // Each step's property files are read once, however many references read them (linear on adversarial input).
    const filesOf = new Map<string, { declared: string[]; set: Set<string | undefined> }>();
    return context.model.references.flatMap((ref) => {
      const parsed = ref.parsed;
      if (parsed.root !== "Steps") return [];
      const first = parsed.path[0];
      if (first?.kind !== "member" || first.name !== "PropertyFiles") return [];
      const target = context.model.stepsByName.get(parsed.stepName);
      if (!target) return [];
      if (target.type !== "Processing") {
        return [
          {
            code: "property-file-unknown",
            message: `Property files belong to Processing steps; '${parsed.stepName}' is a ${target.type ?? "step without a type"}.`,
            ...stringContentSpan(context.text, ref.node, parsed.nameStart, parsed.nameEnd),
          },
        ];
      }
      const nameSegment = parsed.path[1];
      if (nameSegment?.kind !== "member") {
        return [
          {
            code: "property-file-unknown",
            message: "Name the property file: Steps.<step>.PropertyFiles.<PropertyFileName>.",
            ...stringContentSpan(context.text, ref.node, first.start, first.end),
          },
        ];
      }
      let files = filesOf.get(parsed.stepName);
      if (!files) {
        const all = elements(memberValue(target.node, "PropertyFiles")).map((f) => stringValue(memberValue(f, "PropertyFileName")));
        filesOf.set(parsed.stepName, (files = { declared: all.filter((f): f is string => f !== undefined), set: new Set(all) }));
      }
      if (files.set.has(nameSegment.name)) return [];
      const declared = files.declared;
      const suggestion = context.closest(`property-files:${parsed.stepName}`, nameSegment.name, () => declared);
      return [
        {
          code: "property-file-unknown",
          message: `Step '${parsed.stepName}' declares no property file '${nameSegment.name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ""}${declared.length ? ` Declared: ${listed(declared)}.` : " Add it to the step's PropertyFiles."}`,
          ...stringContentSpan(context.text, ref.node, nameSegment.start, nameSegment.end),
          data: { name: nameSegment.name, suggestion, declared },
        },
      ];
    });
  },
};
