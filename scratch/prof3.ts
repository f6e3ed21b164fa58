import { getLanguageService, LineIndex } from "../core/src";
import { generatePipelineText } from "../test/helpers/generate-pipeline";
const service = getLanguageService({ logger: { internalError: (e) => console.error(e) } });
let text = generatePipelineText(1000);
let doc = service.parseDocument(text);
doc.analysis;
const target = text.indexOf("s3://") + 5;
const stepName = /"Name":\s*"([^"]+)"/.exec(text.slice(text.indexOf('"Steps"')))![1];
const pos = new LineIndex(text).positionAt(text.indexOf(`"${stepName}"`) + 2);
const times: Record<string, number[]> = {};
const t = <T>(k: string, f: () => T): T => { const s = performance.now(); const r = f(); (times[k] ??= []).push(performance.now() - s); return r; };
for (let i = 0; i < 30; i++) {
  const ch = i % 2 ? "a" : "x";
  const next = text.slice(0, target) + ch + text.slice(target + 1);
  doc = t("parseDocument", () => service.parseDocument(next, { previous: doc, change: { start: target, end: target + 1, newEnd: target + 1 } }));
  text = next;
  t("index", () => doc.index);
  t("hover", () => service.hover(doc, "file:///x", pos));
  t("completion", () => service.completion(doc, "file:///x", new LineIndex(text).positionAt(text.indexOf('"Get": "Steps.') + 14)));
  t("lens", () => service.codeLenses(doc, "file:///x", {}));
  t("analysis", () => doc.analysis);
  t("lsp diags", () => service.lspDiagnostics(doc));
}
for (const [k, v] of Object.entries(times)) { v.sort((a, b) => a - b); console.log(k.padEnd(15), v[15].toFixed(1), v[28].toFixed(1)); }
