import {
  CodeLensRefreshRequest,
  createConnection,
  type Diagnostic,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { getLanguageService, LIGHT_MODE_CHARACTERS, nextTimeChange, stepLensDocument, systemClock, type ReferenceExecution } from "../../core/src";
import { LintRequest, RulesRequest, SetCacheContextNotification, SetReferenceNotification, StepsInRangesRequest } from "../../protocol/src";
import { CacheContexts } from "./cache-contexts";
import { completionAnswer, supportsEditRangeDefault } from "./completion-list";
import { DocumentStore } from "./document-store";
import { EditRecorder } from "./edit-recorder";
import { LensDocuments } from "./lens-documents";
import { outputChannelLogger } from "./logger";
import { collectGarbage } from "./memory";
import {
  cacheContextProblem,
  codeActionContext,
  codeActionProblem,
  codeLensResolveProblem,
  documentProblem,
  lintProblem,
  positionProblem,
  referencesProblem,
  renameProblem,
  setReferenceProblem,
  stepsInRangesProblem,
} from "./messages";
import { SettingsStore } from "./settings-store";
import { TimeRefresh } from "./time-refresh";
import { DocumentValidator } from "./validator";

const connection = createConnection(ProposedFeatures.all);
/** Closing a document this large (characters) gives its memory back to the system at once (see memory.ts). */
const LARGE_DOCUMENT = 100_000;
const edits = new EditRecorder();
const documents = new TextDocuments(edits);
/** Every feature comes from the language service; its bugs go to the output channel, with the document and position. */
const service = getLanguageService({ logger: outputChannelLogger(connection.console), lightModeAbove: LIGHT_MODE_CHARACTERS });
const store = new DocumentStore(documents, service, edits);
const settings = new SettingsStore(connection);
const validator = new DocumentValidator(
  store,
  settings,
  service,
  (uri, version, diagnostics) => connection.sendDiagnostics({ uri, version, diagnostics }),
  (message) => connection.console.error(message),
);
const references_ = new Map<string, ReferenceExecution | undefined>();
const cacheContexts = new CacheContexts();
const lensDocuments = new LensDocuments();
const clock = systemClock;
let canRefreshCodeLenses = false;
/** The client takes a completion list's default edit range (VS Code does): see completion-list.ts. */
let editRangeDefault = false;
/** Cache verdicts and ages change with time: each document's lenses are refreshed when its next text would change. */
const timeRefresh = new TimeRefresh(() => refreshCodeLenses(), clock);

/**
 * A malformed message (a client bug, or not our client) is logged as a warning and ignored: true when `problem` found
 * something. It never reaches a feature, so it cannot break later requests.
 */
function malformed(method: string, problem: string | undefined): problem is string {
  if (problem) connection.console.warn(`Ignored a malformed ${method}: ${problem}.`);
  return problem !== undefined;
}

/** A custom request with malformed params answers an InvalidParams error (after the warning). */
function rejectMalformed(method: string, problem: string | undefined): void {
  if (malformed(method, problem)) throw new ResponseError(ErrorCodes.InvalidParams, `Ignored a malformed ${method}: ${problem}.`);
}

function earliest(...instants: Array<number | undefined>): number | undefined {
  const defined = instants.filter((at): at is number => at !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

function refreshCodeLenses(): void {
  if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

connection.onInitialize((params) => {
  settings.setClientCapabilities(params.capabilities);
  canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  editRangeDefault = supportsEditRangeDefault(params.capabilities);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', ".", "[", "'"], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: true },
      codeActionProvider: { codeActionKinds: ["quickfix"] },
    },
    serverInfo: { name: "sagemaker-pipelines-language-server" },
  };
});

connection.onInitialized(() => settings.registerForChanges());

connection.onDidChangeConfiguration(() => {
  settings.invalidate();
  for (const document of documents.all()) void validator.schedule(document.uri, 0);
  refreshCodeLenses();
});

connection.onRequest(RulesRequest.type, () => service.rules());
connection.onRequest(StepsInRangesRequest.type, (params) => {
  rejectMalformed(StepsInRangesRequest.method, stepsInRangesProblem(params));
  const document = store.get(params.uri);
  return document ? service.stepsInRanges(document, params.uri, params.ranges) : [];
});
connection.onRequest(LintRequest.type, async (params) => {
  rejectMalformed(LintRequest.method, lintProblem(params));
  const { rules } = await settings.forUri(params.uri);
  return service.diagnostics(service.parseDocument(params.text, { uri: params.uri }), rules);
});
connection.onNotification(SetReferenceNotification.type, (params) => {
  if (malformed(SetReferenceNotification.method, setReferenceProblem(params))) return;
  references_.set(params.uri, params.reference ?? undefined);
  refreshCodeLenses();
});
connection.onNotification(SetCacheContextNotification.type, (params) => {
  // Ignored whole: the document keeps the last well-formed context.
  if (malformed(SetCacheContextNotification.method, cacheContextProblem(params))) return;
  cacheContexts.set(params);
  timeRefresh.cancel(params.uri);
  refreshCodeLenses();
});

connection.onHover((params) => {
  if (malformed("textDocument/hover", positionProblem(params))) return null;
  const uri = params.textDocument.uri;
  const document = store.get(uri);
  return document ? service.hover(document, uri, params.position, cacheContexts.hoverMarkdown(uri, document, new Date(clock.now()))) : null;
});
connection.onCompletion((params) => {
  if (malformed("textDocument/completion", positionProblem(params))) return [];
  const document = store.get(params.textDocument.uri);
  return document ? completionAnswer(service.completion(document, params.textDocument.uri, params.position), editRangeDefault) : [];
});
connection.onDefinition((params) => {
  if (malformed("textDocument/definition", positionProblem(params))) return [];
  const document = store.get(params.textDocument.uri);
  return document ? service.definition(document, params.textDocument.uri, params.position) : [];
});
connection.onReferences((params) => {
  if (malformed("textDocument/references", referencesProblem(params))) return [];
  const document = store.get(params.textDocument.uri);
  return document ? service.references(document, params.textDocument.uri, params.position, params.context?.includeDeclaration === true) : [];
});
connection.onDocumentHighlight((params) => {
  if (malformed("textDocument/documentHighlight", positionProblem(params))) return [];
  const document = store.get(params.textDocument.uri);
  return document ? service.documentHighlights(document, params.textDocument.uri, params.position) : [];
});
connection.onPrepareRename((params) => {
  if (malformed("textDocument/prepareRename", positionProblem(params))) return null;
  const document = store.get(params.textDocument.uri);
  const result = document ? service.prepareRename(document, params.textDocument.uri, params.position) : null;
  if (result && "error" in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return result;
});
connection.onRenameRequest((params) => {
  if (malformed("textDocument/rename", renameProblem(params))) return null;
  const document = store.get(params.textDocument.uri);
  const result = document ? service.rename(document, params.textDocument.uri, params.position, params.newName) : null;
  if (result && "error" in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return result?.edit ?? null;
});
connection.onDocumentSymbol((params) => {
  if (malformed("textDocument/documentSymbol", documentProblem(params))) return [];
  const document = store.get(params.textDocument.uri);
  return document ? service.documentSymbols(document, params.textDocument.uri) : [];
});
connection.onCodeLens(async (params) => {
  if (malformed("textDocument/codeLens", documentProblem(params))) return [];
  const uri = params.textDocument.uri;
  const documentSettings = await settings.forUri(uri);
  // After the await: a snapshot is valid until the next version is parsed (which reuses its tree).
  const document = store.get(uri);
  if (!document || !documentSettings.codeLens) {
    timeRefresh.cancel(uri);
    return [];
  }
  const now = new Date(clock.now());
  const reference = references_.get(uri);
  const lenses = service.codeLenses(document, uri, {
    reference,
    referenceLatest: documentSettings.referenceLatest,
    now,
    cacheTitle: cacheContexts.lensTitle(uri, document, now),
    finishedExecutions: cacheContexts.finishedExecutions(uri),
    runEstimate: cacheContexts.runEstimate(uri, document, now),
    documentKey: lensDocuments.key(uri),
  });
  const cacheChange = cacheContexts.nextLensChange(uri, document, now);
  const ageChange = nextTimeChange({ referenceStartTime: reference?.startTime }, now, "lens")?.getTime();
  timeRefresh.schedule(uri, earliest(cacheChange, ageChange));
  return lenses;
});
connection.onCodeLensResolve((lens) => {
  if (malformed("codeLens/resolve", codeLensResolveProblem(lens))) return lens;
  const key = stepLensDocument(lens);
  const uri = typeof key === "number" ? lensDocuments.uri(key) : undefined;
  const document = uri === undefined ? undefined : store.get(uri);
  return document && uri !== undefined ? service.resolveCodeLens(document, uri, lens, cacheContexts.lensTitle(uri, document, new Date(clock.now()))) : lens;
});
connection.onCodeAction((params) => {
  if (malformed("textDocument/codeAction", codeActionProblem(params))) return [];
  // The context is read leniently: the well-formed diagnostics get their fixes, the others are named in a warning.
  const { diagnostics, only, problems } = codeActionContext((params as { context?: unknown }).context);
  if (problems.length) malformed("textDocument/codeAction", problems.slice(0, 3).join("; ") + (problems.length > 3 ? ` and ${problems.length - 3} more` : ""));
  const document = store.get(params.textDocument.uri);
  const wantsQuickFixes = !only || only.some((kind) => kind === "quickfix" || "quickfix".startsWith(`${kind}.`));
  return document && wantsQuickFixes ? service.codeActions(document, params.textDocument.uri, diagnostics as Diagnostic[]) : [];
});

documents.onDidOpen((event) => void validator.schedule(event.document.uri, 0));
documents.onDidChangeContent((event) => {
  // The lenses the client asks for next compute the texts again and schedule the next refresh.
  timeRefresh.cancel(event.document.uri);
  void validator.schedule(event.document.uri);
});
documents.onDidClose((event) => {
  validator.forget(event.document.uri);
  store.forget(event.document.uri);
  settings.forget(event.document.uri);
  cacheContexts.forget(event.document.uri);
  timeRefresh.forget(event.document.uri);
  references_.delete(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  // After the messages queued behind the close, when the closed document's trees are garbage.
  if (event.document.getText().length >= LARGE_DOCUMENT || documents.all().length === 0) setTimeout(collectGarbage, 100);
});

documents.listen(connection);
connection.listen();
