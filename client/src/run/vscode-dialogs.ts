import * as vscode from "vscode";
import { executionLabel, parameterValueProblem, type DeclaredParameter, type PlannedParameter, type PlanFix } from "../../../core/src";
import type { RunDialogs, RunSummary } from "../../../sagemaker/src";

/** The run's questions as VS Code dialogs: modal where a decision is asked, a quick pick for the parameters. */
export class VscodeRunDialogs implements RunDialogs {
  constructor(
    private readonly declared: DeclaredParameter[],
    /** The confirmation's text (the SageMaker layer's, loaded with it). */
    private readonly describeRun: (summary: RunSummary) => string,
  ) {}

  async offerFix(reason: string, fix: PlanFix): Promise<boolean> {
    const action = fix.kind === "addSteps" ? `Add ${fix.steps.join(", ")}` : `Use ${executionLabel(fix.execution)}`;
    const answer = await vscode.window.showWarningMessage(reason, { modal: true }, action);
    return answer === action;
  }

  async editParameters(values: PlannedParameter[], errors: string[], overrides: Record<string, string>): Promise<Record<string, string> | undefined> {
    const edited = { ...overrides };
    let current = values;
    for (;;) {
      type Item = vscode.QuickPickItem & { parameter?: PlannedParameter };
      const go: Item = { label: "$(play) Continue with these values", description: errors.length > 0 ? "fix the values marked ⚠ first" : undefined };
      const items: Item[] = [
        go,
        { label: "", kind: vscode.QuickPickItemKind.Separator },
        ...current.map((p) => ({
          label: `${p.name} = ${p.value}`,
          description: p.source === "default" ? "default" : p.source === "reference" ? "from the reference execution" : "changed",
          detail: errors.find((e) => e.includes(`parameter ${p.name})`) || e.includes(`'${p.name}'`) || e.includes(`${p.name}'s`)),
          parameter: p,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, {
        title: "Parameters of this run",
        placeHolder: errors.length > 0 ? `⚠ ${errors.join(" ")}` : "Choose a parameter to change it, or continue",
        ignoreFocusOut: true,
      });
      if (!picked) return undefined;
      if (picked === go) return edited;
      const parameter = this.declared.find((d) => d.name === picked.parameter?.name);
      if (!parameter) continue;
      const value = await vscode.window.showInputBox({
        title: `${parameter.name} (${parameter.type})`,
        value: picked.parameter!.value,
        validateInput: (text) => parameterValueProblem(parameter, text),
        ignoreFocusOut: true,
      });
      if (value === undefined) continue;
      edited[parameter.name] = value;
      current = current.map((p) => (p.name === parameter.name ? { ...p, value, source: "override" } : p));
      errors = errors.filter((e) => !e.includes(parameter.name));
    }
  }

  async confirm(summary: RunSummary): Promise<"run" | "editParameters" | "cancel"> {
    const what = summary.plan.selectedSteps ? `Run ${summary.plan.selectedSteps.join(", ")}` : `Run the whole pipeline ${summary.pipelineName}`;
    const buttons = summary.parameters.length > 0 ? ["Run", "Edit Parameters…"] : ["Run"];
    const answer = await vscode.window.showInformationMessage(
      `${what} on the ${summary.target.startsWith("local") ? "local engine" : summary.target}?`,
      { modal: true, detail: this.describeRun(summary) },
      ...buttons,
    );
    return answer === "Run" ? "run" : answer === "Edit Parameters…" ? "editParameters" : "cancel";
  }
}
