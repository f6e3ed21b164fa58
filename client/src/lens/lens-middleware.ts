import * as vscode from "vscode";
import type { Middleware } from "vscode-languageclient/node";
import { StableLensCommands } from "./stable-lens-commands";

/**
 * The language client's code lens middleware: every lens the server sends carries a client-side command id without
 * arguments that stays registered (see StableLensCommands), so a click on any lens VS Code draws works.
 */
export function stableLensMiddleware(): {
  middleware: Pick<Middleware, "provideCodeLenses" | "resolveCodeLens">;
  /** The same registry for the client's own lenses (the Python files'). */
  commands: StableLensCommands;
  disposable: vscode.Disposable;
} {
  const commands = new StableLensCommands({
    register: (id, run) => vscode.commands.registerCommand(id, run),
    execute: (command, args) => vscode.commands.executeCommand(command, ...args),
  });
  const stable = (lens: vscode.CodeLens): vscode.CodeLens => {
    if (lens.command) lens.command = commands.stable(lens.command);
    return lens;
  };
  return {
    middleware: {
      provideCodeLenses: async (document, token, next) => (await next(document, token))?.map(stable),
      resolveCodeLens: async (lens, token, next) => {
        const resolved = await next(lens, token);
        return resolved ? stable(resolved) : resolved;
      },
    },
    commands,
    disposable: commands,
  };
}
