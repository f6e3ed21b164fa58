// Loads the built extension (dist/client.js) in this process with a stubbed `vscode` module, activates it in a trusted
// workspace with no document open, and reports which of the lazy bundles were loaded: after activation, then after a
// run-related path (the Executions view asking for its pipelines, which needs the SageMaker layer and starts the local
// engine). Prints one JSON line. Used by activation.test.ts; argv[2]: the extension's folder, argv[3]: a scratch folder.
const Module = require("node:module");
const { join } = require("node:path");

const root = process.argv[2];
const scratch = process.argv[3];
const dist = join(root, "dist");

/** Any member, call or construction of an API the test does not care about: harmless, awaitable, iterable (empty). */
const stub = new Proxy(function () {}, {
  get: (_t, p) => (p === "then" ? undefined : p === Symbol.iterator ? function* () {} : p === Symbol.toPrimitive ? () => "" : p === "length" ? 0 : stub),
  apply: () => stub,
  construct: () => stub,
});
const disposable = () => ({ dispose() {} });
class EventEmitter {
  listeners = [];
  event = (listener) => {
    this.listeners.push(listener);
    return disposable();
  };
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {}
}
const commands = new Map();
const trees = [];
const messages = [];
const output = [];
const event = () => disposable();
const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
const api = {
  version: "1.95.0",
  env: { appName: "stub", language: "en", machineId: "test", sessionId: "test", uiKind: 1, remoteName: undefined },
  EventEmitter,
  Disposable: Object.assign(
    function (fn) {
      return { dispose: fn };
    },
    { from: (...items) => ({ dispose: () => items.forEach((i) => i?.dispose?.()) }) },
  ),
  workspace: {
    isTrusted: true,
    textDocuments: [],
    workspaceFolders: undefined,
    getConfiguration: () => configuration,
    onDidOpenTextDocument: event,
    onDidCloseTextDocument: event,
    onDidChangeTextDocument: event,
    onDidSaveTextDocument: event,
    onDidGrantWorkspaceTrust: event,
    onDidChangeConfiguration: event,
    onDidChangeWorkspaceFolders: event,
  },
  window: {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: (name) => {
      const log = (...args) => void output.push(`${name}: ${args.map(String).join(" ")}`);
      return {
        name,
        append: log,
        appendLine: log,
        replace() {},
        clear() {},
        show() {},
        hide() {},
        dispose() {},
        trace: log,
        debug: log,
        info: log,
        warn: log,
        error: log,
        onDidChangeLogLevel: event,
        logLevel: 2,
      };
    },
    createTreeView: (id, options) => {
      trees.push({ id, provider: options.treeDataProvider });
      return { visible: true, onDidChangeVisibility: event, dispose() {} };
    },
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    onDidChangeActiveTextEditor: event,
    onDidChangeVisibleTextEditors: event,
    showInformationMessage: async (m) => void messages.push(m),
    showWarningMessage: async (m) => void messages.push(m),
    showErrorMessage: async (m) => void messages.push(m),
  },
  commands: {
    registerCommand: (id, fn) => {
      commands.set(id, fn);
      return disposable();
    },
    executeCommand: async () => undefined,
  },
};
// The client's `import * as vscode` copies own members (esbuild's __toESM): every `vscode.X` the client names is one.
const walk = (dir) =>
  require("node:fs")
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
for (const file of walk(join(root, "client/src")))
  for (const m of require("node:fs")
    .readFileSync(file, "utf8")
    .matchAll(/\bvscode\.([A-Za-z_]+)/g))
    if (!(m[1] in api)) api[m[1]] = stub;
const vscode = new Proxy(api, { get: (t, p) => (p === "__esModule" ? true : p in t ? t[p] : stub) });
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? vscode : load.call(this, request, ...rest);
};

/** The files of dist/ (and any node_modules) this process has loaded. */
const loaded = () =>
  Object.keys(require.cache)
    .filter((k) => k.startsWith(dist) || k.includes("node_modules"))
    .map((k) => k.slice(root.length + 1).replace(/\\/g, "/"))
    .sort();

(async () => {
  const context = {
    subscriptions: [],
    extensionPath: root,
    extensionUri: { fsPath: root, path: root, scheme: "file" },
    asAbsolutePath: (p) => join(root, p),
    globalStorageUri: { fsPath: scratch, path: scratch, scheme: "file" },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [], setKeysForSync() {} },
    environmentVariableCollection: stub,
    extensionMode: 3,
  };
  const extension = require(join(dist, "client.js"));
  const afterRequire = loaded();
  await extension.activate(context);
  const afterActivate = loaded();
  const commandIds = [...commands.keys()];
  // A run-related path: the Executions view lists the target's pipelines (local target: the engine starts).
  const children = await trees[0].provider.getChildren();
  const afterRunPath = loaded();
  await commands.get("sagemakerPipelines.stopLocalEngine")();
  await extension.deactivate();
  for (const d of context.subscriptions) {
    try {
      d.dispose?.();
    } catch {
      // Disposing a stand-in may throw; the report is what this host is for.
    }
  }
  process.stdout.write(JSON.stringify({ afterRequire, afterActivate, afterRunPath, commandIds, children, messages }) + "\n");
  process.exit(0);
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error?.stack ?? error), output }) + "\n");
  process.exit(1);
});
