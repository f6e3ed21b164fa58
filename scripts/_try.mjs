import { readFileSync, writeFileSync } from "node:fs";
import { transformSync } from "esbuild";
const s = readFileSync("core/src/schema/validators.generated.js", "utf8");
// const schemaN = {...}; -> JSON.parse
let n = 0;
const out = s.replace(/const (schema\d+) = (\{.*?\});(?=function |const |exports|$)/g, (m, name, lit) => {
  try { JSON.parse(lit); } catch { return m; }
  n++;
  return `const ${name} = JSON.parse(${JSON.stringify(lit)});`;
});
console.log("json", n);
writeFileSync("core/src/schema/_j.js", out);
writeFileSync("core/src/schema/_jm.js", transformSync(out, { minify: true, loader: "js", format: "cjs" }).code);
writeFileSync("core/src/schema/_m.js", transformSync(s, { minify: true, loader: "js", format: "cjs" }).code);
