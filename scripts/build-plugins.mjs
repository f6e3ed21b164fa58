// esbuild plugins of scripts/build.mjs (a module of their own so that tests can bundle with them).

/**
 * The CLI bundle leaves cli/src/main.ts's `import("./commands")` to run time, as a require of the separate
 * bundle dist/cli-commands.js (made on first use): `lint` then neither loads nor even parses the AWS SDK and the engine.
 * A require rather than an import(), which a script run through node:vm (cli/src/launcher.cjs) cannot make.
 */
export const lazyCliCommands = {
  name: "lazy-cli-commands",
  setup(b) {
    b.onResolve({ filter: /^\.\/commands$/ }, (args) => (args.kind === "dynamic-import" && /cli[\\/]src[\\/]main\.ts$/.test(args.importer) ? { path: "cli-commands", namespace: "lazy-cli-commands" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-cli-commands" }, () => ({ contents: `module.exports = require("./cli-commands.js");`, loader: "js" }));
    b.onResolve({ filter: /^\.\/cli-commands\.js$/ }, () => ({ path: "./cli-commands.js", external: true }));
  },
};

/**
 * The extension client validates only when a run starts (run-service's `analyze`), so its bundle does not carry the
 * schema validators (~2 MB of code to parse at every activation): it gets a stand-in that requires the separate
 * bundle dist/schema-validators.js on the first validation, and then behaves as the validator it wraps.
 */
export const lazyValidators = {
  name: "lazy-validators",
  setup(b) {
    b.onResolve({ filter: /^\.\/validators\.generated$/ }, (args) => (/core[\\/]src[\\/]schema[\\/]validator\.ts$/.test(args.importer) ? { path: "validators", namespace: "lazy-validators" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-validators" }, () => ({
      loader: "js",
      contents: `
        let loaded;
        const lazy = (name) => {
          const validate = function (data, context) {
            const compiled = (loaded ??= require("./schema-validators.js"))[name];
            const valid = compiled(data, context);
            validate.errors = compiled.errors;
            return valid;
          };
          validate.errors = null;
          return validate;
        };
        export const root = lazy("root");
        export const step = lazy("step");`,
    }));
    b.onResolve({ filter: /^\.\/schema-validators\.js$/ }, () => ({ path: "./schema-validators.js", external: true }));
  },
};
