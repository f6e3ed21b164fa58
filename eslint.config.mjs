// ESLint: typescript-eslint's recommended rules (without type information, so it stays fast) and the layer
// boundaries. Each layer is a top-level folder with one public entry (`<layer>/src/index.ts`); a layer may import
// only the entries of the layers listed in LAYERS below, never their inner files. README "Architecture" explains why.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The layers, what each may import, and what it must never import (platform modules that break its role). */
export const LAYERS = {
  core: { may: [], forbidden: ["vscode", "node:*", "fs", "child_process", "http", "https", "net", "@aws-sdk/*"] },
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
  if (forbidden.length > 0) patterns.push({ group: forbidden, message: `The ${layer} layer may not import platform modules: ${forbidden.join(", ")}.` });
  return {
    files: [`${layer}/src/**/*.ts`],
    rules: { "no-restricted-imports": ["error", { patterns }] },
  };
}

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
