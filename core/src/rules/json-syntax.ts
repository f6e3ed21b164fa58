import type { DocumentRule } from "../rule";

export const jsonSyntax: DocumentRule = {
  code: "json-syntax",
  defaultSeverity: "error",
  description: "The file is not valid JSON (with a specific hint for Python dict reprs and template placeholders).",
  check: (document) => document.syntaxProblems.map((p) => ({ code: "json-syntax", message: p.message, start: p.start, end: p.end })),
};
