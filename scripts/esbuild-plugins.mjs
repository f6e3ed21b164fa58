// The esbuild plugins of scripts/build.mjs, shared with the bench (scripts/bench/activation.ts) and tests.
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The layers the client loads lazily: entry folder → the bundle beside dist/client.js. */
export const LAZY_LAYERS = { "sagemaker/src": "sagemaker.js", "engine/src": "engine.js" };

/** What must never be in dist/client.js (the analyser, the schema tables, the AWS SDK, the engine). */
export const NOT_IN_CLIENT = [
  /node_modules\/ajv\//,
  /^schemas\//,
  /^core\/src\/rules\//,
  /^core\/src\/schema\//,
  /^core\/src\/analyze\.ts$/,
  /^core\/src\/graph-view\/layered\.ts$/,
  /node_modules\/@aws-sdk\//,
  /node_modules\/@smithy\//,
  /^engine\/src\//,
  /^sagemaker\/src\//,
];

export const lazyLayers = {
  name: "lazy-layers",
  setup(b) {
    b.onResolve({ filter: /(^|\/)(sagemaker|engine)\/src(\/index(\.ts)?)?$/ }, (args) => {
      const target = relative(ROOT, resolve(args.resolveDir, args.path))
        .replace(/\\/g, "/")
        .replace(/\/index(\.ts)?$/, "");
      const bundle = LAZY_LAYERS[target];
      if (!bundle) return undefined;
      if (args.kind !== "dynamic-import" || !args.importer.endsWith(join("client", "src", "lazy.ts"))) {
        return {
          errors: [
            {
              text: `${relative(ROOT, args.importer)} imports ${target} at load time: use client/src/lazy.ts (or \`import type\`), so activation does not load it.`,
            },
          ],
        };
      }
      return { path: `./${bundle}`, external: true };
    });
  },
};

/** One copy of the LSP protocol per bundle: protocol/src's `vscode-languageserver-protocol` resolves to the copy the bundle's LSP library uses. */
export const protocolOf = (library) => ({
  name: "one-protocol",
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-protocol$/ }, async (args) => {
      if (!args.importer.startsWith(join(ROOT, "protocol"))) return undefined;
      return b.resolve(args.path, { kind: args.kind, resolveDir: join(ROOT, "node_modules", library) });
    });
  },
});

/**
 * The CLI bundle leaves cli/src/main.ts's `import("./commands")` to run time, as a require of the separate
 * bundle dist/cli-commands.js (made on first use): `lint` then neither loads nor even parses the AWS SDK and the engine.
 * A require rather than an import(), which a script run through node:vm (cli/src/launcher.cjs) cannot make.
 */
export const lazyCliCommands = {
  name: "lazy-cli-commands",
  setup(b) {
    b.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      args.kind === "dynamic-import" && /cli[\\/]src[\\/]main\.ts$/.test(args.importer) ? { path: "cli-commands", namespace: "lazy-cli-commands" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-cli-commands" }, () => ({ contents: `module.exports = require("./cli-commands.js");`, loader: "js" }));
    b.onResolve({ filter: /^\.\/cli-commands\.js$/ }, () => ({ path: "./cli-commands.js", external: true }));
  },
};

/**
 * dist/engine-serve.js (the extension's engine process) requires the engine from dist/engine.js, the bundle the
 * extension already ships for its lazy engine layer, instead of carrying a second copy of it.
 */
export const engineFromBundle = {
  name: "engine-from-bundle",
  setup(b) {
    b.onResolve({ filter: /(^|\/)engine\/src(\/index(\.ts)?)?$/ }, (args) =>
      relative(ROOT, resolve(args.resolveDir, args.path))
        .replace(/\\/g, "/")
        .replace(/\/index(\.ts)?$/, "") === "engine/src"
        ? { path: "./engine.js", external: true }
        : undefined,
    );
  },
};
