// Starts and stops code-server (VS Code in the browser) for the end-to-end run.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The folders and environment of one run: HOME, XDG_* and TMPDIR point into `runDir`, so neither
 * code-server, VS Code nor Chromium leaves files in the real home folder or /tmp.
 */
export function runEnvironment(runDir, extra = {}) {
  const dirs = {
    home: join(runDir, "home"),
    tmp: join(runDir, "tmp"),
    userData: join(runDir, "user-data"),
    extensions: join(runDir, "extensions"),
    workspace: join(runDir, "workspace"),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // code-server writes a default config (with a random password) where none exists: give it one.
  writeFileSync(join(dirs.home, "code-server.yaml"), "auth: none\ncert: false\n");
  const env = {
    ...process.env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
    TEMP: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.home, ".config"),
    XDG_DATA_HOME: join(dirs.home, ".local/share"),
    XDG_CACHE_HOME: join(dirs.home, ".cache"),
    XDG_STATE_HOME: join(dirs.home, ".local/state"),
    XDG_RUNTIME_DIR: dirs.tmp,
    // Variables that would make code-server or VS Code behave differently from a person's editor.
    PASSWORD: undefined,
    HASHED_PASSWORD: undefined,
    VSCODE_IPC_HOOK_CLI: undefined,
    ELECTRON_RUN_AS_NODE: undefined,
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return { dirs, env };
}

/**
 * User settings that keep first-run noise (welcome page, tips, chat, update checks) out of the way. Workspace trust is
 * off here; a server started with `workspaceTrust: true` turns it on (for the scenarios that declare `workspaceTrust`).
 */
export const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.editor.enablePreview": false,
  "workbench.colorTheme": "Default Dark Modern",
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "files.autoSave": "off",
  "editor.codeLens": true,
  "editor.hover.delay": 300,
  "editor.minimap.enabled": false,
  "window.commandCenter": false,
};

/** Installs a .vsix into the run's extensions folder; returns the installed extension's folder. */
export function installExtension({ node, entry, env, dirs, vsix, log }) {
  const result = spawnSync(
    node,
    [
      entry,
      "--config",
      join(dirs.home, "code-server.yaml"),
      "--user-data-dir",
      dirs.userData,
      "--extensions-dir",
      dirs.extensions,
      "--force",
      "--install-extension",
      vsix,
    ],
    { env, encoding: "utf8", timeout: 120_000 },
  );
  log?.(`code-server --install-extension: exit ${result.status}\n${result.stdout}${result.stderr}`);
  if (result.status !== 0)
    throw new Error(
      `code-server --install-extension ${vsix} failed (exit ${result.status}${result.error ? `, ${result.error.message}` : ""}):\n${result.stdout}${result.stderr}`,
    );
  const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith("sagemaker-pipelines-editor.sagemaker-pipelines-"));
  if (installed.length !== 1) throw new Error(`expected one installed extension folder in ${dirs.extensions}, found: ${installed.join(", ") || "none"}`);
  const folder = join(dirs.extensions, installed[0]);
  for (const f of ["package.json", "dist/client.js", "dist/sagemaker.js", "dist/engine.js", "dist/server.js"]) {
    if (!existsSync(join(folder, f))) throw new Error(`the installed extension lacks ${f} (${folder})`);
  }
  return folder;
}

/**
 * Starts code-server on a free 127.0.0.1 port. Resolves once it answers HTTP. The process runs in its
 * own process group so that `stop()` ends it together with the extension hosts and language servers.
 */
/**
 * `smokeTestDriver` adds `--vscode-option enable-smoke-test-driver`, which the in-host tests need to report
 * their exit code to the page (codeAutomationExit). It also stops VS Code from showing notification
 * toasts (they only go to the notification center), so the UI scenarios run on a server without it.
 * `workspaceTrust` keeps VS Code's workspace trust on (no `--disable-workspace-trust`, the setting true): a folder
 * opened there starts untrusted (Restricted Mode) until the scenario trusts it through the UI.
 */
export async function startCodeServer({ node, entry, env, dirs, logFile, smokeTestDriver = false, workspaceTrust = false, startTimeoutMs = 60_000 }) {
  const port = await freePort();
  const config = join(dirs.home, "code-server.yaml");
  mkdirSync(join(dirs.userData, "User"), { recursive: true });
  writeFileSync(
    join(dirs.userData, "User", "settings.json"),
    JSON.stringify({ ...USER_SETTINGS, "security.workspace.trust.enabled": workspaceTrust }, null, 2),
  );
  const args = [
    entry,
    "--config",
    config,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    ...(workspaceTrust ? [] : ["--disable-workspace-trust"]),
    "--disable-getting-started-override",
    "--ignore-last-opened",
    "--user-data-dir",
    dirs.userData,
    "--extensions-dir",
    dirs.extensions,
    // A closed page's extension host is not kept for reconnection for hours.
    "--reconnection-grace-time",
    "10",
    ...(smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
  ];
  const out = createWriteStream(logFile, { flags: "a" });
  out.write(`\n=== code-server on 127.0.0.1:${port}${smokeTestDriver ? " (smoke-test driver)" : ""}${workspaceTrust ? " (workspace trust on)" : ""} ===\n`);
  const child = spawn(node, args, { env, cwd: dirs.workspace, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child.pid);
      throw new Error(`code-server did not answer on ${url} within ${startTimeoutMs / 1000} s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const stop = async () => {
    if (exited) return;
    killGroup(child.pid, "SIGTERM");
    const until = Date.now() + 5000;
    while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    killGroup(child.pid, "SIGKILL");
    out.end();
  };
  return { url, port, pid: child.pid, host: `127.0.0.1:${port}`, stop, hasExited: () => exited };
}

/** Signals a whole process group (the group leader's pid), ignoring a group that is already gone. */
export function killGroup(pid, signal = "SIGKILL") {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
