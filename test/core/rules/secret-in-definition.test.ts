import { test } from "node:test";
import assert from "node:assert/strict";
import { definition, expectDiagnostics, PROCESSING_STEP } from "../../helpers/marked";

const env = (members: string) => definition(`[${PROCESSING_STEP("P", "", `, "Environment": {${members}}`)}]`);

test("secret-in-definition: AWS keys, passwords and tokens in Environment values", () => {
  const found = expectDiagnostics(
    env(`"AWS_ACCESS_KEY_ID": ⟦"AKIAIOSFODNN7EXAMPLE"⟧,
         "AWS_SECRET_ACCESS_KEY": ⟦"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"⟧,
         "DB_PASSWORD": ⟦"hunter2hunter2"⟧,
         "dbPassword": ⟦"hunter2hunter2"⟧,
         "HF_TOKEN": ⟦"hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"⟧,
         "NOTES": ⟦"ghp_0123456789abcdefghijklmnopqrstuvwxyz"⟧`),
    "secret-in-definition",
    "warning",
  );
  assert.match(found[0].message, /Environment value 'AWS_ACCESS_KEY_ID' looks like an AWS access key id: .*DescribePipeline/);
  assert.match(found[1].message, /an AWS secret access key/);
  assert.match(found[2].message, /a secret \(its name is DB_PASSWORD\)/);
  assert.match(found[4].message, /a Hugging Face token/);
  assert.match(found[5].message, /a GitHub token/);
});

test("secret-in-definition: an access key id in a model container's Environment, and a parameter default", () => {
  const text = definition(
    `[{"Name": "M", "Type": "Model", "Arguments": {"ExecutionRoleArn": "arn:aws:iam::123456789012:role/Role",
      "PrimaryContainer": {"Image": "i", "Environment": {"KEY": ⟦"ASIAIOSFODNN7EXAMPLE"⟧}}}}]`,
    `[{"Name": "ApiToken", "Type": "String", "DefaultValue": ⟦"tok3n-s3cr3t-value"⟧}, {"Name": "Region", "Type": "String", "DefaultValue": "us-east-1"}]`,
  );
  const found = expectDiagnostics(text, "secret-in-definition", "warning");
  assert.match(found[0].message, /The default of parameter 'ApiToken' looks like a secret/);
});

test("secret-in-definition: names of secrets, paths, flags, references, placeholders and the public key of SDK v3's @step are not secrets", () => {
  expectDiagnostics(
    env(`"DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
         "HF_TOKEN_PATH": "/opt/ml/input/token1",
         "TOKEN_FILE": "token-2024.txt",
         "SECRET_NAME": "prod/db-password2",
         "AWS_ACCESS_KEY_ID_ENV": "AWS_ACCESS_KEY_ID",
         "USE_TOKEN": "true",
         "API_KEY": "\${API_KEY_123}",
         "PASSWORD": "changeme",
         "SECRET": "s3://bucket/secret1.json",
         "TOKEN_TTL": "3600s12",
         "MODE": "AKIA-not-a-key",
         "ACCESS_KEY": {"Get": "Parameters.AccessKey2"},
         "SM_TOKENIZER_MODEL": "bert-base-uncased2",
         "MAX_TOKENS": "2048k",
         "MAX_TOKEN_LENGTH": "512abc",
         "REMOTE_FUNCTION_SECRET_KEY": "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+gPbxOkwRzTxMHhuYvXiPUW80sT/\\n-----END PUBLIC KEY-----\\n"`),
    "secret-in-definition",
    "warning",
  );
});
