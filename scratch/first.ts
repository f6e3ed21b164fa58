import { generatePipelineText } from "../test/helpers/generate-pipeline";
const t = generatePipelineText(1000); const i = t.indexOf("s3://"); console.log(t.indexOf('"Steps"'), i, t.slice(i - 80, i + 20));
