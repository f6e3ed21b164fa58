import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { allRules, RULES_REQUEST } from "../../core/src";
import { DocumentValidator } from "./validator";
import { SettingsStore } from "./settings-store";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const validator = new DocumentValidator(documents, settings, (uri, version, diagnostics) =>
  connection.sendDiagnostics({ uri, version, diagnostics }),
);

connection.onInitialize((params) => {
  settings.setClientCapabilities(params.capabilities);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: "sagemaker-pipelines-language-server" },
  };
});

connection.onInitialized(() => settings.registerForChanges());

connection.onDidChangeConfiguration(async () => {
  settings.invalidate();
  for (const document of documents.all()) validator.schedule(document, 0);
});

connection.onRequest(RULES_REQUEST, () => allRules.map(({ code, defaultSeverity, description }) => ({ code, defaultSeverity, description })));

documents.onDidOpen((event) => validator.schedule(event.document, 0));
documents.onDidChangeContent((event) => validator.schedule(event.document));
documents.onDidClose((event) => {
  validator.forget(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();

