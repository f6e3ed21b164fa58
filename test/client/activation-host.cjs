// Loads the built extension (dist/client.js) in this process with a stubbed `vscode` module, activates it in a trusted
// workspace with no document open, and reports which of the lazy bundles were loaded and which engine processes (dist/engine-serve.js)
// were spawned: after activation, after opening a definition (cache insight reads the store), after the Executions view
// asks for its pipelines (neither starts the engine), then after Start Local Engine. Prints one JSON line. Used by
// activation.test.ts; argv[2]: the extension's folder, argv[3]: a scratch folder (the store is .sagemaker-pipelines/local in it).
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
const openListeners = [];
// Every engine process the extension starts (the language server is forked, not spawned).
const childProcess = require("node:child_process");
const spawns = [];
const realSpawn = childProcess.spawn;
childProcess.spawn = function (command, args, ...rest) {
  if (Array.isArray(args) && /engine-serve\.js$/.test(args[0] ?? "")) spawns.push(`engine-serve.js ${args.slice(1).join(" ")}`);
  return realSpawn.call(this, command, args, ...rest);
};
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
    onDidOpenTextDocument: (listener) => {
      openListeners.push(listener);
      return disposable();
    },
    onDidCloseTextDocument: event,
    onDidChangeTextDocument: event,
    onDidSaveTextDocument: event,
    onDidGrantWorkspaceTrust: event,
    onDidChangeConfiguration: event,
    onDidChangeWorkspaceFolders: event,
    registerTextDocumentContentProvider: () => disposable(),
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
    withProgress: (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event }),
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
  const spawnsAfterActivate = spawns.length;
  // Opening a definition: cache insight reads the store's history (the engine bundle loads for its reader), starts nothing.
  const path = join(scratch, "a.pipeline.json");
  const document = {
    languageId: "sagemaker-pipeline",
    uri: { toString: () => `file://${path}`, path, fsPath: path, scheme: "file" },
    fileName: path,
    getText: () => "{}",
  };
  for (const listener of openListeners) listener(document);
  const deadline = Date.now() + 20_000;
  while (!loaded().includes("dist/engine.js")) {
    if (Date.now() > deadline) throw new Error("cache insight never read the store");
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  const spawnsAfterOpen = spawns.length;
  // The Executions view asks for the local target's pipelines: with no engine running, it says so and starts none.
  // Its first answer is a Loading… item; the view is told to ask again when the answer is there.
  const rootChildren = async () => {
    const provider = trees[0].provider;
    const changed = new Promise((resolve) => provider.onDidChangeTreeData(resolve));
    const first = await provider.getChildren();
    loadingItems.push(first);
    if (first.length !== 1 || !first[0].loading) return first;
    await changed;
    return provider.getChildren();
  };
  const loadingItems = [];
  const children = await rootChildren();
  const afterRunPath = loaded();
  const spawnsAfterView = spawns.length;
  // Start Local Engine: one child process (dist/engine-serve.js, `local serve` alone), which the view then lists.
  const started = await commands.get("sagemakerPipelines.startLocalEngine")();
  const childrenAfterStart = await rootChildren();
  const lockAfterStart = JSON.parse(require("node:fs").readFileSync(join(scratch, ".sagemaker-pipelines/local/engine.lock"), "utf8"));
  await commands.get("sagemakerPipelines.stopLocalEngine")();
  const lockAfterStop = require("node:fs").existsSync(join(scratch, ".sagemaker-pipelines/local/engine.lock"));
  await extension.deactivate();
  for (const d of context.subscriptions) {
    try {
      d.dispose?.();
    } catch {
      // Disposing a stand-in may throw; the report is what this host is for.
    }
  }
  process.stdout.write(
    JSON.stringify({
      afterRequire,
      afterActivate,
      afterRunPath,
      commandIds,
      children,
      loadingItems,
      messages,
      spawns,
      spawnsAfterActivate,
      spawnsAfterOpen,
      spawnsAfterView,
      started,
      childrenAfterStart,
      lockAfterStart,
      lockAfterStop,
    }) + "\n",
  );
  process.exit(0);
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error?.stack ?? error), output }) + "\n");
  process.exit(1);
});
