/**
 * Which Python exports a `.py` pipeline file: the setting `sagemakerPipelines.python`, else the interpreter the Python
 * extension (ms-python.python) has selected for the file, else `python3`. No VS Code import: the extension's API is
 * passed in (undefined when it is not installed), so the order is testable.
 */

/** The part of the Python extension's API used here (its `environments` API, and the older `settings` one). */
export interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: unknown): { path: string } | undefined;
    resolveEnvironment?(environment: { path: string }): Promise<{ executable?: { uri?: { fsPath: string } } } | undefined>;
  };
  settings?: { getExecutionDetails?(resource?: unknown): { execCommand?: string[] } | undefined };
}

export interface ChosenInterpreter {
  python: string;
  from: "setting" | "python extension" | "default";
}

export const DEFAULT_PYTHON = "python3";

export async function chooseInterpreter(setting: string, api: PythonExtensionApi | undefined, resource?: unknown): Promise<ChosenInterpreter> {
  if (setting.trim() !== "") return { python: setting.trim(), from: "setting" };
  const fromExtension = await selectedByExtension(api, resource).catch(() => undefined);
  return fromExtension ? { python: fromExtension, from: "python extension" } : { python: DEFAULT_PYTHON, from: "default" };
}

async function selectedByExtension(api: PythonExtensionApi | undefined, resource: unknown): Promise<string | undefined> {
  const active = api?.environments?.getActiveEnvironmentPath(resource);
  if (active?.path) {
    // The path may be an environment's folder (conda): the resolved environment names its executable.
    const resolved = await api?.environments?.resolveEnvironment?.(active);
    return resolved?.executable?.uri?.fsPath || active.path;
  }
  const command = api?.settings?.getExecutionDetails?.(resource)?.execCommand;
  // `conda run -n env python` and the like are not one executable: left to the default.
  return command?.length === 1 ? command[0] : undefined;
}
