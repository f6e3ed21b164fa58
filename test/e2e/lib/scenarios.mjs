// Loads and runs the UI scenarios: test/e2e/scenarios/*.mjs, one scenario per file, in file-name order.
//
// A scenario file exports default { name, timeoutMs?, run(t) } where t has:
//   page        the Playwright page, already showing the workbench with the workspace folder open
//   wb          the workbench helpers (lib/workbench.mjs): openFile, hoverAtText, contextMenuItem, ...
//   fixtures    test/e2e/fixtures (file names, expected rule codes, step names)
//   workspace   the absolute path of the scenario's own workspace folder, filled with the fixtures
//               (write extra files there before opening them; other scenarios do not see them)
//   log(...)    a line in the run's output under the scenario
//   screenshot(label, clip?)  an extra screenshot test-results/e2e/<file>-<label>.png (of the `clip` rectangle only, when given)
//   serverPid   the pid of code-server (its extension hosts, language servers and engines are its descendants)
// `workspaceTrust: true` in the export runs the scenario on a code-server with workspace trust on: its folder
// opens untrusted (Restricted Mode; code-server shows no startup prompt) until the scenario trusts it. Elsewhere trust is off.
// Each scenario gets a fresh browser page (a fresh window and extension host). On success its final
// screen is saved as test-results/e2e/<file>.png, on failure as <file>-FAILED.png.
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import * as wb from "./workbench.mjs";

const require = createRequire(import.meta.url);
const fixtures = require("../fixtures/index.cjs");

export async function loadScenarios(directory, grep) {
  const files = readdirSync(directory)
    .filter((f) => f.endsWith(".mjs"))
    .sort();
  const scenarios = [];
  for (const file of files) {
    const module = await import(pathToFileURL(join(directory, file)).href);
    const scenario = module.default;
    if (!scenario || typeof scenario.run !== "function" || !scenario.name) throw new Error(`${file}: export default { name, run(t) }`);
    scenarios.push({ id: basename(file, ".mjs"), file, timeoutMs: 90_000, ...scenario });
  }
  return grep ? scenarios.filter((s) => s.name.includes(grep) || s.id.includes(grep)) : scenarios;
}

/**
 * Runs one scenario in a new page of `context` on its own workspace folder `<workspacesDir>/<id>`
 * (a fresh window state, no editors restored from another scenario). Never throws; resolves
 * { name, id, ok, error, ms }.
 */
export async function runScenario({ scenario, context, serverUrl, serverPid, workspacesDir, resultsDir, say }) {
  const started = Date.now();
  const workspace = join(workspacesDir, scenario.id);
  const shot = (page, name, clip) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), timeout: 15_000, clip }).catch((e) => say(`    (screenshot ${name} failed: ${e.message})`));
  let page;
  let timer;
  try {
    fixtures.populateWorkspace(workspace);
    // Files the window must find when it opens (e.g. .vscode/settings.json): read with the folder, not by a file watcher later.
    await scenario.prepare?.({ workspace, fixtures, log: (...parts) => say(`    ${parts.join(" ")}`) });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const t = {
      page,
      wb,
      fixtures,
      workspace,
      serverPid,
      log: (...parts) => say(`    ${parts.join(" ")}`),
      screenshot: (label, clip) => shot(page, `${scenario.id}-${label}`, clip),
    };
    const body = async () => {
      await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
      await wb.waitForWorkbench(page);
      await scenario.run(t);
    };
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`scenario timed out after ${scenario.timeoutMs / 1000} s`)), scenario.timeoutMs);
    });
    await Promise.race([body(), timeout]);
    await shot(page, scenario.id);
    return { name: scenario.name, id: scenario.id, ok: true, ms: Date.now() - started };
  } catch (error) {
    if (page) await shot(page, `${scenario.id}-FAILED`);
    return { name: scenario.name, id: scenario.id, ok: false, error: error?.stack || String(error), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
    await page?.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}
