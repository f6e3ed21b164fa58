import { IncrementalAnalyzer } from "../core/src/incremental/analyzer";
import { RuleContext } from "../core/src/rule";
import { pipelineRules } from "../core/src/rules";
import { generatePipelineText } from "../test/helpers/generate-pipeline";
let text = generatePipelineText(1000);
const a = new IncrementalAnalyzer();
a.update(text); a.analyze();
const target = text.indexOf("s3://", 5000) + 5;
const times: Record<string, number[]> = {};
const t = <T>(k: string, f: () => T): T => { const s = performance.now(); const r = f(); (times[k] ??= []).push(performance.now() - s); return r; };
for (let i = 0; i < 20; i++) {
  text = text.slice(0, target) + (i % 2 ? "a" : "x") + text.slice(target + 1);
  const d = t("update", () => a.update(text, { start: target, end: target + 1, newEnd: target + 1 }));
  const p = t("prepare", () => a.prepare(d.root!));
  const ctx = new RuleContext(d, d.root!, p.model, p.schemaIssues, p.stepFindings);
  t("schemaIssues", () => ctx.schemaIssues);
  for (const r of pipelineRules) t(r.code, () => r.check(ctx));
}
for (const [k, v] of Object.entries(times)) { v.sort((a, b) => a - b); if (v[10] > 0.5) console.log(k.padEnd(35), v[10].toFixed(1), v[19].toFixed(1)); }
