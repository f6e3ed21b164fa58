import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze } from "../../../core/src";
import { definition, expectDiagnostics } from "../../helpers/marked";

// The shapes the SageMaker Python SDK (v2 and v3) writes for LineageStep and v3's EMRServerlessStep, and the properties
// their `properties` objects give (lineage_step.py: ActionArns/ArtifactArns/ContextArns/Associations; emr_serverless_step.py:
// emr-serverless GetJobRunResponse).
const LINEAGE = (associations: string, extra = "") => `{"Name": "RecordLineage", "Type": "Lineage", "Arguments": {
  "Actions": [{"ActionName": "deploy-run", "Source": {"SourceUri": "s3://b/run", "SourceType": "S3ETag"}, "ActionType": "ModelDeployment"}],
  "Artifacts": [{"ArtifactName": "deployed-model", "Source": {"SourceUri": "s3://b/model.tar.gz"}, "ArtifactType": "Model"}],
  "Contexts": [{"ContextName": "deployment", "Source": {"SourceUri": "s3://b/deployment"}, "ContextType": "Endpoint"}],
  "Associations": ${associations}${extra}}}`;
const SDK_ASSOCIATIONS = `[{"Source": {"Name": "deploy-run", "Type": "Action"}, "Destination": {"Name": "deployed-model", "Type": "Artifact"}, "AssociationType": "Produced"},
  {"Source": {"Arn": "arn:aws:sagemaker:us-east-1:123456789012:context/c"}, "Destination": {"Name": "deployment", "Type": "Context"}}]`;
const SERVERLESS = `{"Name": "Serverless", "Type": "EMRServerless", "Arguments": {"ApplicationId": "00abc", "JobConfig": {}}}`;

const errors = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === "error");

test("Lineage: the SDK's shape has no error", () => {
  assert.deepEqual(errors(definition(`[${LINEAGE(SDK_ASSOCIATIONS)}]`)), []);
});

test("Lineage: its Arguments are checked against the Create{Action,Artifact,Context} requests and the association shape", () => {
  const [unknown] = expectDiagnostics(definition(`[${LINEAGE(SDK_ASSOCIATIONS, `, ⟦"Action"⟧: []`)}]`), "unknown-argument", "error");
  assert.match(unknown.message, /Did you mean 'Actions'/);
  const bad = `[{"Source": {"Name": "deploy-run", "Type": ⟦"Acton"⟧}, "Destination": {"Arn": "arn:x"}, "AssociationType": ⟦"Made"⟧}]`;
  const found = expectDiagnostics(definition(`[${LINEAGE(bad)}]`), "schema", "error");
  assert.match(found[0].message, /Did you mean 'Action'/);
  assert.match(found[1].message, /Produced/);
  // An association's end by ARN takes nothing else.
  expectDiagnostics(
    definition(`[${LINEAGE(`[{"Source": {"Arn": "arn:x", ⟦"Type"⟧: "Action"}, "Destination": {"Arn": "arn:y"}}]`)}]`),
    "unknown-argument",
    "error",
  );
});

test("Lineage: Steps.<lineage>.ActionArns['name'] and the other ARN maps are properties; anything else is not", () => {
  const reader = (path: string) => `{"Name": "Report", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "${path}"}}}`;
  for (const path of ["ActionArns['deploy-run']", "ArtifactArns['deployed-model']", "ContextArns['deployment']", "Associations"]) {
    assert.deepEqual(errors(definition(`[${LINEAGE(SDK_ASSOCIATIONS)}, ${reader(`Steps.RecordLineage.${path}`)}]`)), [], path);
  }
  const text = definition(`[${LINEAGE(SDK_ASSOCIATIONS)}, ${reader("Steps.RecordLineage.⟦ActionArn⟧['deploy-run']")}]`);
  const [wrong] = expectDiagnostics(text, "reference-invalid-property", "error");
  assert.match(wrong.message, /Did you mean 'ActionArns'/);
});

test("EMRServerless: Steps.<step>.jobRun.<member> follows GetJobRunResponse", () => {
  const reader = (path: string) => `{"Name": "Report", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "${path}"}}}`;
  assert.deepEqual(errors(definition(`[${SERVERLESS}, ${reader("Steps.Serverless.jobRun.state")}]`)), []);
  assert.deepEqual(errors(definition(`[${SERVERLESS}, ${reader("Steps.Serverless.jobRun.tags['team']")}]`)), []);
  const [wrong] = expectDiagnostics(definition(`[${SERVERLESS}, ${reader("Steps.Serverless.jobRun.⟦State⟧")}]`), "reference-invalid-property", "error");
  assert.match(wrong.message, /Did you mean 'state'/);
});
