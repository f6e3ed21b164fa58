import { build } from "esbuild";
const r = await build({ bundle: true, platform: "node", target: "node20", format: "cjs", mainFields: ["module","main"], entryPoints: [process.argv[2]], outfile: "/tmp/meta-out.js", metafile: true, write: false, logLevel: "error", plugins: [{name:"x", setup(b){ b.onResolve({ filter: /^\.\/commands$/ }, (a) => a.kind === "dynamic-import" ? { path: "./cli-commands.js", external: true } : undefined); }}] });
const out = Object.values(r.metafile.outputs)[0];
const by = {};
for (const [k, v] of Object.entries(out.inputs)) { const key = k.replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, "$1").replace(/^(core\/src\/[^/]+).*/, "$1"); by[key] = (by[key] ?? 0) + v.bytesInOutput; }
for (const [k, v] of Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v/1024).toFixed(0).padStart(6), k);
