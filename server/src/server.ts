import {
  CodeLensRefreshRequest,
  createConnection,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  allRules,
  analyze,
  RULES_REQUEST,
  SET_CACHE_CONTEXT_NOTIFICATION,
  SET_REFERENCE_NOTIFICATION,
  STEPS_IN_RANGES_REQUEST,
  type CacheContextParams,
  type PipelineDiagnostic,
  type ReferenceExecution,
  type SetReferenceParams,
  type StepsInRangesParams,
} from "../../core/src";
import { codeActions } from "../../core/src/features/code-actions";
import { codeLenses } from "../../core/src/features/code-lens";
import { completion } from "../../core/src/features/completion";
import { hover } from "../../core/src/features/hover";
import { definition, documentHighlights, prepareRename, references, rename } from "../../core/src/features/navigation";
import { documentSymbols } from "../../core/src/features/outline";
import { stepsInRanges } from "../../core/src/features/steps-in-ranges";
import { LintRequest, type LintParams } from "../../protocol/src";
import { CacheContexts } from "./cache-contexts";
import { DocumentStore } from "./document-store";
import { SettingsStore } from "./settings-store";
import { DocumentValidator } from "./validator";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new DocumentStore(documents);
const settings = new SettingsStore(connection);
const validator = new DocumentValidator(store, settings, (uri, version, diagnostics) => connection.sendDiagnostics({ uri, version, diagnostics }));
const references_ = new Map<string, ReferenceExecution | undefined>();
const cacheContexts = new CacheContexts();
let canRefreshCodeLenses = false;

function refreshCodeLenses(): void {
  if (canRefreshCodeLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

connection.onInitialize((params) => {
  settings.setClientCapabilities(params.capabilities);
  canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
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
      codeLensProvider: { resolveProvider: false },
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

connection.onRequest(RULES_REQUEST, () => allRules.map(({ code, defaultSeverity, description }) => ({ code, defaultSeverity, description })));
connection.onRequest(STEPS_IN_RANGES_REQUEST, (params: StepsInRangesParams) => {
  const document = store.get(params.uri);
  return document ? stepsInRanges(document, params.ranges) : [];
});
// The check before a run from the editor (the client's bundle has no analyser): the user's severities for the URI.
connection.onRequest(LintRequest.method, async ({ uri, text }: LintParams): Promise<PipelineDiagnostic[]> => analyze(text, { severities: (await settings.forUri(uri)).rules }).diagnostics);
connection.onNotification(SET_REFERENCE_NOTIFICATION, (params: SetReferenceParams) => {
  references_.set(params.uri, params.reference);
  refreshCodeLenses();
});

connection.onNotification(SET_CACHE_CONTEXT_NOTIFICATION, (params: CacheContextParams) => {
  cacheContexts.set(params);
  refreshCodeLenses();
});

connection.onHover((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? hover(document, params.position, cacheContexts.hoverMarkdown(params.textDocument.uri, document)) : null;
});
connection.onCompletion((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? completion(document, params.position) : [];
});
connection.onDefinition((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? definition(document, params.textDocument.uri, params.position) : [];
});
connection.onReferences((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? references(document, params.textDocument.uri, params.position, params.context.includeDeclaration) : [];
});
connection.onDocumentHighlight((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? documentHighlights(document, params.position) : [];
});
connection.onPrepareRename((params) => {
  const document = store.get(params.textDocument.uri);
  const result = document ? prepareRename(document, params.position) : null;
  if (result && "error" in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return result;
});
connection.onRenameRequest((params) => {
  const document = store.get(params.textDocument.uri);
  const result = document ? rename(document, params.textDocument.uri, params.position, params.newName) : null;
  if (result && "error" in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return result?.edit ?? null;
});
connection.onDocumentSymbol((params) => {
  const document = store.get(params.textDocument.uri);
  return document ? documentSymbols(document) : [];
});
connection.onCodeLens(async (params) => {
  const document = store.get(params.textDocument.uri);
  const documentSettings = await settings.forUri(params.textDocument.uri);
  if (!document || !documentSettings.codeLens) return [];
  const uri = params.textDocument.uri;
  return codeLenses(document, uri, references_.get(uri), new Date(), documentSettings.referenceLatest, cacheContexts.lensTitle(uri, document));
});
connection.onCodeAction((params) => {
  const document = store.get(params.textDocument.uri);
  const wantsQuickFixes = !params.context.only || params.context.only.some((kind) => kind === "quickfix" || "quickfix".startsWith(`${kind}.`));
  return document && wantsQuickFixes ? codeActions(document, params.textDocument.uri, params.context.diagnostics) : [];
});

documents.onDidOpen((event) => void validator.schedule(event.document.uri, 0));
documents.onDidChangeContent((event) => void validator.schedule(event.document.uri));
documents.onDidClose((event) => {
  validator.forget(event.document.uri);
  store.forget(event.document.uri);
  settings.forget(event.document.uri);
  cacheContexts.forget(event.document.uri);
  references_.delete(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();
