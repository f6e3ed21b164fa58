import { IncrementalAnalyzer, analyze } from "../core/src";
import { generatePipelineText } from "../test/helpers/generate-pipeline";
let text = generatePipelineText(1000);
const a = new IncrementalAnalyzer();
a.update(text); a.analyze();
const at = text.indexOf("s3://", Math.floor(text.length / 2)) + 5;
const u: number[] = [], an: number[] = [];
for (let i = 0; i < 30; i++) {
  text = text.slice(0, at) + (i % 2 ? "a" : "x") + text.slice(at + 1);
  let t = performance.now();
  a.update(text, { start: at, end: at + 1, newEnd: at + 1 });
  u.push(performance.now() - t); t = performance.now();
  a.analyze();
  an.push(performance.now() - t);
}
const med = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1].toFixed(1);
console.log("update", med(u), "analyze", med(an), a.work);
let t = performance.now(); analyze(text); console.log("full", (performance.now() - t).toFixed(0));
