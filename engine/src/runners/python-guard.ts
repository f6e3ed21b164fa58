import { mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { OPT_ML } from "./container-paths";

/**
 * Without the sandbox, Python code that opens, lists or creates anything under /opt/ml itself (not through the paths
 * the runner passes) would use this machine's real /opt/ml. A `sitecustomize` module on the job's PYTHONPATH installs
 * an audit hook (Python 3.8+) that refuses it with a PermissionError naming the container runner.
 */
const EVENTS = [
  "open",
  "os.mkdir",
  "os.listdir",
  "os.scandir",
  "os.chdir",
  "os.rename",
  "os.replace",
  "os.remove",
  "os.rmdir",
  "os.symlink",
  "os.link",
  "os.chmod",
  "os.chown",
  "os.utime",
  "os.truncate",
  "shutil.copyfile",
  "shutil.copytree",
  "shutil.move",
  "shutil.rmtree",
];

export function guardSource(message: string): string {
  return `# Written by the local engine's host runner: refuses /opt/ml without a sandbox.
import os as _os, sys as _sys

_ROOT = ${JSON.stringify(OPT_ML)}
_EVENTS = frozenset(${JSON.stringify(EVENTS)})
_MESSAGE = ${JSON.stringify(message)}


def _under_root(value):
    if isinstance(value, int) or value is None:
        return False
    try:
        path = _os.fsdecode(value)
    except TypeError:
        return False
    try:
        path = _os.path.normpath(_os.path.join(_os.getcwd(), path))
    except OSError:
        path = _os.path.normpath(path)
    return path == _ROOT or path.startswith(_ROOT + "/")


def _hook(event, args):
    if event in _EVENTS:
        for value in args:
            if _under_root(value):
                raise PermissionError(13, _MESSAGE, _os.fsdecode(value))


if hasattr(_sys, "addaudithook"):
    _sys.addaudithook(_hook)
`;
}

/** Writes the guard into `<workDir>/guard`; returns the PYTHONPATH the job gets (the guard first). */
export function installPythonGuard(workDir: string, message: string, pythonPath: string | undefined): string {
  const dir = join(workDir, "guard");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sitecustomize.py"), guardSource(message));
  return pythonPath ? `${dir}${delimiter}${pythonPath}` : dir;
}
