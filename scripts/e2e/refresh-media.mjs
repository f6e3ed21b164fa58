// Copies the screenshots the READMEs and the walkthrough show (media/) from the last E2E run (test-results/e2e/), so
// that they show the extension as it is. Run it after `npm run test:e2e`; it fails, naming it, when a shot is missing.
//
//   node scripts/e2e/refresh-media.mjs
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const results = join(root, "test-results/e2e");

/** media file ← the E2E screenshot it is taken from. */
export const MEDIA = {
  "screenshot-problems.png": "02-mistakes-in-problems-panel.png",
  "screenshot-confirm.png": "06-run-pipeline-then-selected-steps-confirm-whole-pipeline.png",
  "screenshot-cache.png": "07-cache-hover-diff-miss-hover.png",
  "screenshot-graph.png": "08-graph-view-graph.png",
  "screenshot-graph-200.png": "15-graph-view-200-steps-large.png",
  "screenshot-executions.png": "06-run-pipeline-then-selected-steps-executions-view.png",
  "walkthrough/open-example.png": "12-walkthrough-example-open-editor.png",
  "walkthrough/confirm-run.png": "12-walkthrough-confirm-dialog.png",
  "walkthrough/cache-hover.png": "12-walkthrough-cache-hover-editor.png",
};

const missing = Object.values(MEDIA).filter((shot) => !existsSync(join(results, shot)));
if (missing.length > 0) {
  process.stderr.write(`refresh-media: not in ${results} (run npm run test:e2e first): ${missing.join(", ")}\n`);
  process.exit(1);
}
for (const [media, shot] of Object.entries(MEDIA)) copyFileSync(join(results, shot), join(root, "media", media));
process.stdout.write(`refresh-media: ${Object.keys(MEDIA).length} images copied into media/\n`);
