import * as vscode from "vscode";
import { COMMANDS } from "../../../core/src/settings";
import { reportRunningNotAvailable } from "./not-yet-available";

/** Run Pipeline / Run Step(s) / Run From Here / Choose Reference / Show Graph, as lenses invoke them. */
export function registerRunCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.runPipeline, () => reportRunningNotAvailable("Run Pipeline")),
    vscode.commands.registerCommand(COMMANDS.runSteps, (_uri?: string, steps?: string[]) =>
      reportRunningNotAvailable(`Run ${steps?.length ? steps.join(", ") : "selected steps"}`),
    ),
    vscode.commands.registerCommand(COMMANDS.runFromStep, (_uri?: string, step?: string) => reportRunningNotAvailable(`Run from ${step ?? "this step"}`)),
    vscode.commands.registerCommand(COMMANDS.chooseReference, () =>
      reportRunningNotAvailable("Choose Reference Execution (there are no executions to choose from yet)"),
    ),
    vscode.commands.registerCommand(COMMANDS.showGraph, () =>
      void vscode.window.showInformationMessage("The pipeline graph is not available in this version yet."),
    ),
  ];
}
