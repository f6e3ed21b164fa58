// ESLint: typescript-eslint's recommended rules (without type information, so it stays fast) and the layer
// boundaries. Each layer is a top-level folder with one public entry (`<layer>/src/index.ts`); a layer may import
// only the entries of the layers listed in LAYERS below, never their inner files. README "Architecture" explains why.
import { builtinModules } from "node:module";
import { dirname, relative, resolve } from "node:path";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers, what each may import, and what it must never import (platform modules that break its role; `node:*`
 * stands for every Node built-in, with or without the prefix).
 */
export const LAYERS = {
  core: { may: [], forbidden: ["vscode", "node:*", "@aws-sdk/*"] },
  protocol: { may: ["core"], forbidden: ["vscode", "node:*", "@aws-sdk/*"] },
  engine: { may: ["core"], forbidden: ["vscode"] },
  sagemaker: { may: ["core"], forbidden: ["vscode"] },
  server: { may: ["core", "protocol"], forbidden: ["vscode", "@aws-sdk/*"] },
  client: { may: ["core", "protocol", "sagemaker", "engine"], forbidden: [] },
  cli: { may: ["core", "sagemaker", "engine"], forbidden: ["vscode"] },
  webview: { may: ["core"], forbidden: ["vscode", "node:*", "@aws-sdk/*"] },
};

/**
 * Sub-entries: small pure parts of a layer that a bundle for another platform imports without pulling in the
 * whole layer (the graph and Run Plan pages are bundled for the browser and must not carry the analyser; the layout is only the
 * layout worker's).
 */
const SUB_ENTRIES = { core: ["graph-view", "graph-view/layout", "run-plan"] };

/** The module names a forbidden list stands for: `node:*` is every Node built-in, also without its prefix. */
function forbiddenModules(forbidden) {
  return forbidden.includes("node:*") ? [...forbidden, ...builtinModules.filter((m) => !m.startsWith("_") && !m.startsWith("node:"))] : forbidden;
}

function boundary(layer, { may, forbidden }) {
  const others = Object.keys(LAYERS).filter((other) => other !== layer);
  const patterns = [];
  for (const other of others) {
    if (may.includes(other)) {
      // Only the entry: `…/core/src` (or `…/core/src/index`), never `…/core/src/<inner>`.
      const allowed = [`!**/${other}/src/index`, ...(SUB_ENTRIES[other] ?? []).flatMap((sub) => [`!**/${other}/src/${sub}`, `!**/${other}/src/${sub}/index`])];
      patterns.push({
        group: [`**/${other}/src/**`, ...allowed],
        message: `Import the ${other} layer through its entry (${other}/src), not its inner files.`,
      });
    } else {
      patterns.push({
        group: [`**/${other}/src`, `**/${other}/src/**`],
        message: `The ${layer} layer may not import the ${other} layer (see README, Architecture).`,
      });
    }
  }
  const platform = `The ${layer} layer may not import platform modules: ${forbidden.join(", ")}.`;
  if (forbidden.length > 0) patterns.push({ group: forbidden, message: platform });
  // Bare names go by `paths` (the exact module), since a pattern would also match a relative `./url` of the layer's own.
  const paths = forbiddenModules(forbidden)
    .filter((name) => !forbidden.includes(name))
    .map((name) => ({ name, message: platform }));
  return {
    files: [`${layer}/src/**/*.ts`],
    plugins: { layers: { rules: { "dynamic-imports": dynamicImports } } },
    rules: { "no-restricted-imports": ["error", { paths, patterns }], "layers/dynamic-imports": ["error", layer] },
  };
}

const ROOT = import.meta.dirname;

/**
 * What a module path imported by `file` (in `layer`) breaks, or undefined: the same table as `boundary`, for the
 * imports `no-restricted-imports` does not see (`import()` and `require()`).
 */
function crossing(layer, file, specifier) {
  const { forbidden } = LAYERS[layer];
  if (
    forbiddenModules(forbidden).some((glob) =>
      glob.endsWith("*") ? specifier.startsWith(glob.slice(0, -1)) : specifier === glob || specifier.startsWith(`${glob}/`),
    )
  )
    return `The ${layer} layer may not import platform modules: ${forbidden.join(", ")}.`;
  if (!specifier.startsWith(".")) return undefined;
  const [other, src, ...inner] = relative(ROOT, resolve(dirname(file), specifier)).split(/[\\/]/);
  if (src !== "src" || other === layer || !(other in LAYERS)) return undefined;
  if (!LAYERS[layer].may.includes(other)) return `The ${layer} layer may not import the ${other} layer (see README, Architecture).`;
  const path = inner.join("/").replace(/\/?index$/, "");
  if (path === "" || (SUB_ENTRIES[other] ?? []).includes(path)) return undefined;
  return `Import the ${other} layer through its entry (${other}/src), not its inner files.`;
}

/** The layer boundaries for `import("…")` and `require("…")` with a literal path. */
const dynamicImports = {
  meta: { type: "problem", schema: [{ type: "string" }] },
  create(context) {
    const layer = context.options[0];
    const check = (source) => {
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      const message = crossing(layer, context.filename, source.value);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => node.callee.type === "Identifier" && node.callee.name === "require" && check(node.arguments[0]),
    };
  },
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".cache/**", "test-results/**", "out/**", ".vscode-test/**", "schemas/**", "**/*.generated.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "no-control-regex": "off",
      // Tests match aligned CLI output, where a literal run of spaces reads better than a quantifier.
      "no-regex-spaces": "off",
    },
  },
  {
    files: ["**/*.cjs", "test/vscode/**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Tests edit parsed JSON definitions in place, where a typed path through every step shape would be noise.
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // The protocol follows LSP's own convention: each message is a namespace with its method and type.
  { files: ["protocol/src/**/*.ts"], rules: { "@typescript-eslint/no-namespace": "off" } },
  { files: ["test/vscode/suite/**/*.js"], languageOptions: { globals: { ...globals.mocha } } },
  // Functions that Playwright runs inside the workbench page.
  { files: ["test/e2e/**/*.mjs"], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ["webview/src/**/*.ts"],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: "readonly" } },
  },
  ...Object.entries(LAYERS).map(([layer, rules]) => boundary(layer, rules)),
);
