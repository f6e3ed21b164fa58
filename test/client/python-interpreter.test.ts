import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseInterpreter, type PythonExtensionApi } from "../../client/src/python/interpreter";

const resource = { fsPath: "/work/project/pipeline.py" };

test("chooseInterpreter: the setting first, then the Python extension's selection for the file, then python3", async () => {
  const asked: unknown[] = [];
  const api: PythonExtensionApi = {
    environments: {
      getActiveEnvironmentPath: (r) => {
        asked.push(r);
        return { path: "/envs/ml" };
      },
      resolveEnvironment: async (env) => ({ executable: { uri: { fsPath: `${env.path}/bin/python` } } }),
    },
  };
  assert.deepEqual(await chooseInterpreter(" /opt/venv/bin/python ", api, resource), { python: "/opt/venv/bin/python", from: "setting" });
  assert.deepEqual(asked, [], "the extension is not asked when the setting names one");
  assert.deepEqual(await chooseInterpreter("", api, resource), { python: "/envs/ml/bin/python", from: "python extension" });
  assert.deepEqual(asked, [resource]);
  assert.deepEqual(await chooseInterpreter("", undefined, resource), { python: "python3", from: "default" });
});

test("chooseInterpreter: an unresolved environment's path, the older execution-details API, and a failing API", async () => {
  const unresolved: PythonExtensionApi = {
    environments: { getActiveEnvironmentPath: () => ({ path: "/usr/bin/python3.12" }), resolveEnvironment: async () => undefined },
  };
  assert.equal((await chooseInterpreter("", unresolved)).python, "/usr/bin/python3.12");
  const older: PythonExtensionApi = { settings: { getExecutionDetails: () => ({ execCommand: ["/home/u/.venv/bin/python"] }) } };
  assert.deepEqual(await chooseInterpreter("", older), { python: "/home/u/.venv/bin/python", from: "python extension" });
  const condaRun: PythonExtensionApi = { settings: { getExecutionDetails: () => ({ execCommand: ["conda", "run", "-n", "ml", "python"] }) } };
  assert.equal((await chooseInterpreter("", condaRun)).python, "python3", "a command line is not one executable");
  const failing: PythonExtensionApi = {
    environments: {
      getActiveEnvironmentPath: () => {
        throw new Error("not ready");
      },
    },
  };
  assert.deepEqual(await chooseInterpreter("", failing), { python: "python3", from: "default" });
});
