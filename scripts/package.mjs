// `npm run package` (after the minified build): dist/sagemaker-pipelines.vsix through vsce's API. The package's README
// is README.user.md (written for users; README.md is the developer README), kept with its relative links, which the
// Extensions view resolves inside the installed extension (media/ is packaged). What goes in is .vscodeignore's list;
// test/packaging/vsix.test.ts packages the built extension with these same options and checks that list.
import { createVSIX } from "@vscode/vsce";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./esbuild-plugins.mjs";

export const USER_README = "README.user.md";

/** Writes the .vsix of the extension as built in dist/ to `packagePath`. */
export async function packageVsix(packagePath) {
  await createVSIX({
    cwd: ROOT,
    packagePath,
    readmePath: USER_README,
    rewriteRelativeLinks: false,
    dependencies: false,
    // The project has no public repository yet: no URL rather than an invented one.
    allowMissingRepository: true,
  });
}

// No top-level await: the packaging test imports this module through tsx, which compiles it to CommonJS.
if (import.meta.url === pathToFileURL(process.argv[1]).href)
  packageVsix(join(ROOT, "dist", "sagemaker-pipelines.vsix")).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
