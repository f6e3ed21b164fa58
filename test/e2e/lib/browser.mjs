// Debian's Chromium, driven by playwright-core (never a browser downloaded by Playwright).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumPath() {
  const candidates = [process.env.E2E_CHROMIUM, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`Chromium not found (${candidates.join(", ")}): run scripts/e2e/install.sh`);
  return found;
}

/** playwright-core from the e2e cache. */
export function loadPlaywright(toolsDir) {
  const require = createRequire(join(toolsDir, "package.json"));
  return require("playwright-core");
}

/** A headless Chromium with a fresh profile inside the run folder. */
export async function launchBrowser({ toolsDir, runDir, env, viewport = { width: 1400, height: 900 } }) {
  const { chromium } = loadPlaywright(toolsDir);
  return chromium.launchPersistentContext(join(runDir, "chromium-profile"), {
    executablePath: chromiumPath(),
    headless: true,
    env,
    viewport,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    // The run's own signal handlers end the browser (and everything else) and print the summary.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
