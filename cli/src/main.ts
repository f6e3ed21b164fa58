import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { analyze, type SeveritySetting } from "../../core/src";
import { collectFiles, UsageError } from "./files";
import { formatJson, formatSarif, formatText, type FileResult } from "./format";
import { runnerOption, withEngineJobOptions, withServeOptions } from "./serve-options";
import { DEFAULT_STORE, PLACEHOLDER_ROLE } from "./store";

declare const PACKAGE_VERSION: string;
const version = typeof PACKAGE_VERSION === "string" ? PACKAGE_VERSION : "dev";

/**
 * `run`, `plan` and `local serve` (the AWS SDK, the engine, the run service) are loaded only when one of
 * them runs, so that `lint` starts fast: scripts/build.mjs bundles ./commands as dist/cli-commands.js.
 */
const commands = () => import("./commands");

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

function parseRuleOption(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(error|warning|information|hint|off)$/.exec(value);
  if (!match) throw new UsageError(`--rule expects CODE=error|warning|information|hint|off, got '${value}'`);
  return { ...previous, [match[1]]: match[2] as SeveritySetting };
}

interface LintOptions {
  arg: string[];
  python?: string;
  format: string;
  rule: Record<string, SeveritySetting>;
  verbose?: boolean;
  requireDefinitions?: boolean;
}

/** `FILE.py` or `FILE.py:FUNCTION` (exported by the Python side; the rest of the CLI only needs to tell them apart). */
const isPythonTarget = (path: string) => /\.py(:[A-Za-z_]\w*)?$/.test(path);

async function lint(paths: string[], options: LintOptions): Promise<number> {
  const pythonTargets = paths.filter(isPythonTarget);
  const { files, skipped, emptyDirectories } = collectFiles(paths.filter((path) => !isPythonTarget(path)));
  const results: FileResult[] = files.map((path) => {
    const text = readFileSync(path, "utf8");
    return { path, text, diagnostics: analyze(text, { severities: options.rule }).diagnostics };
  });
  if (pythonTargets.length > 0) results.push(...(await commands().then(({ lintPython }) => lintPython(pythonTargets, options))));
  for (const directory of emptyDirectories) process.stderr.write(`No pipeline definitions found under: ${directory}\n`);
  const output =
    options.format === "json"
      ? formatJson(results, skipped)
      : options.format === "sarif"
        ? formatSarif(results, version)
        : formatText(results, skipped, options.verbose);
  process.stdout.write(output);
  if (options.requireDefinitions && emptyDirectories.length > 0) return EXIT_ERRORS;
  return results.some((r) => r.diagnostics.some((d) => d.severity === "error")) ? EXIT_ERRORS : EXIT_OK;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** What a Python pipeline file takes (`export`, and `lint`, `plan`, `run` of a `.py`). */
function withPythonOptions(command: Command): Command {
  return command
    .option("-a, --arg <name=value>", "an argument of the Python function that returns the pipeline, e.g. region=eu-west-1 (repeatable)", collect, [])
    .option("--python <path>", "the Python interpreter that runs a .py pipeline file (default: python3)");
}

/** What `run` and `plan` share: the selection, reference, parameters, names and target. */
function withRunOptions(command: Command): Command {
  return withPythonOptions(command)
    .argument("<file>", "the pipeline definition (JSON, or FILE.py[:FUNCTION] exported first)")
    .option("-s, --select <steps>", "comma-separated step names to run (selective execution)")
    .option("--reference <arn|latest|none>", "reference execution for --select (default: the latest finished execution)")
    .option("-p, --param <name=value>", "parameter value (repeatable)", collect, [])
    .option("--pipeline-name <name>", "pipeline name (default: from the file name)")
    .option("--role <arn>", "RoleArn for CreatePipeline (needed on AWS; a .py's get_pipeline gets it too)", PLACEHOLDER_ROLE)
    .option("--endpoint <url>", "a SageMaker API endpoint (e.g. a running `local serve`)")
    .option("--profile <profile>", "run on AWS with this profile (SDK default credential chain)")
    .option("--region <region>", "AWS region")
    .option("--store <dir>", "local engine store folder", DEFAULT_STORE)
    .addOption(runnerOption());
}

export async function run(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  let pending: Promise<number> | undefined;
  const program = new Command("sagemaker-pipelines")
    .description("Checks Amazon SageMaker Pipelines definition JSON.")
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  withPythonOptions(
    program
      .command("lint")
      .description("Report problems in pipeline definitions (a directory means every definition under it; a FILE.py[:FUNCTION] is exported first).")
      .argument("<paths...>", "files or directories"),
  )
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "sarif"]).default("text"))
    .option("-r, --rule <code=severity>", "override a rule's severity (repeatable), e.g. parameter-unused=off", parseRuleOption, {})
    .option("-v, --verbose", "also list the .json files skipped because they are not pipeline definitions")
    .option("--require-definitions", "exit 1 when a named directory holds no pipeline definition")
    .action((paths: string[], options: LintOptions) => {
      pending = lint(paths, options);
    });
  withEngineJobOptions(withRunOptions(program.command("run")))
    .description("Deploy a definition and run it (whole, or --select steps against a reference), printing each step. Local engine by default.")
    .action((file: string, options) => {
      pending = commands().then(({ runPipeline }) => runPipeline(file, options, (line) => process.stdout.write(`${line}\n`)));
    });
  withRunOptions(program.command("plan"))
    .description(
      "Show what `run` would do — the definition changes, the steps that run, are reused, hit the cache or are skipped, the reference and the parameters — without starting anything.",
    )
    .action((file: string, options) => {
      pending = commands().then(({ runPipeline }) => runPipeline(file, options, (line) => process.stdout.write(`${line}\n`), "plan"));
    });
  withPythonOptions(program.command("export"))
    .description(
      "Run a Python file that builds a pipeline with the SageMaker Python SDK and write its definition JSON: offline by default (the SDK's uploads go to the local engine's store); with --aws, --profile or --region, for AWS (the SDK uploads to S3 with your credentials).",
    )
    .argument("<file>", "FILE.py, or FILE.py:FUNCTION (default: a module-level Pipeline, else get_pipeline(), else a function named *pipeline*)")
    .option("-o, --output <file>", "write the definition there (default: standard output)")
    .option("--store <dir>", "local engine store folder the SDK's S3 uploads are written to (offline)", DEFAULT_STORE)
    .option("--aws", "export for AWS: the SDK calls AWS and uploads what the definition references to S3")
    .option("--profile <profile>", "export for AWS with this profile")
    .option("--region <region>", "export for AWS in this region")
    .option("--role <arn>", "export for AWS: the role get_pipeline(role=…) and get_execution_role() get")
    .action((file: string, options) => {
      pending = commands().then(({ exportCommand }) =>
        exportCommand(
          file,
          options,
          (text) => process.stdout.write(text),
          (line) => process.stderr.write(`${line}\n`),
        ),
      );
    });
  program
    .command("logs")
    .description("Print a step's status, FailureReason and log (the local engine's, or its jobs' CloudWatch Logs streams on AWS).")
    .argument("<execution-arn>", "the execution's ARN")
    .argument("<step>", "the step's name")
    .option("-f, --follow", "print new lines until the step ends")
    .option("--endpoint <url>", "a SageMaker API endpoint (e.g. a running `local serve`)")
    .option("--profile <profile>", "read from AWS with this profile (SDK default credential chain)")
    .option("--region <region>", "AWS region")
    .option("--store <dir>", "local engine store folder", DEFAULT_STORE)
    .action((executionArn: string, step: string, options) => {
      pending = commands().then(({ showLogs }) => showLogs(executionArn, step, options, (line) => process.stdout.write(`${line}\n`)));
    });
  const local = program.command("local").description("The local engine.");
  withServeOptions(local.command("serve"))
    .description("Serve the local engine's SageMaker API on the loopback interface until interrupted.")
    .action((options) => {
      pending = commands().then(({ serve }) => serve(options));
    });
  local
    .command("credentials")
    .description(
      'Print the local engine\'s key pair (made on first use, kept in the store) for boto3 and the AWS CLI: eval "$(sagemaker-pipelines local credentials)".',
    )
    .option("--store <dir>", "store folder", DEFAULT_STORE)
    .addOption(new Option("--format <format>", "env: export lines for a shell; json: {accessKeyId, secretAccessKey}").choices(["env", "json"]).default("env"))
    .action((options) => {
      pending = commands()
        .then(({ printCredentials }) => printCredentials(options, (text) => process.stdout.write(text)))
        .then(() => EXIT_OK);
    });
  try {
    program.parse(argv, { from: "user" });
    if (pending) exitCode = await pending;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || (error as Error)?.constructor?.name === "UsageError") {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = error instanceof UsageError ? EXIT_USAGE : 1;
  },
);
