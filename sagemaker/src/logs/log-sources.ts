import {
  DescribeAutoMLJobV2Command,
  DescribeHyperParameterTuningJobCommand,
  type PipelineExecutionStep,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";

/** The log groups SageMaker writes its jobs' logs to; each job's streams start with `<job name>/`. */
export const LOG_GROUPS = {
  processing: "/aws/sagemaker/ProcessingJobs",
  training: "/aws/sagemaker/TrainingJobs",
  transform: "/aws/sagemaker/TransformJobs",
} as const;

/** A job whose CloudWatch log streams hold the step's log. */
export interface JobLogSource {
  /** `Processing job abalone-process-…`, `Training job … (the tuning job's best)`. */
  title: string;
  logGroup: string;
  /** Streams of this job start with it: `<job name>/`. */
  streamPrefix: string;
}

/** Where a step's log is, from its metadata: the jobs in CloudWatch, and what is said when there is none. */
export interface StepLogSources {
  jobs: JobLogSource[];
  /** Why there is no job (yet), or where else the log is (EMR's S3 folder, a Lambda's log group). */
  notes: string[];
}

const jobName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
const job = (kind: keyof typeof LOG_GROUPS, name: string, why = ""): JobLogSource => ({
  title: `${{ processing: "Processing", training: "Training", transform: "Transform" }[kind]} job ${name}${why}`,
  logGroup: LOG_GROUPS[kind],
  streamPrefix: `${name}/`,
});
const AUTOML_KINDS: Record<string, keyof typeof LOG_GROUPS> = {
  "AWS::SageMaker::ProcessingJob": "processing",
  "AWS::SageMaker::TrainingJob": "training",
  "AWS::SageMaker::TransformJob": "transform",
};

/**
 * The step's jobs as ListPipelineExecutionSteps describes them: Processing, Training and Transform jobs directly; a
 * Tuning job's best training job (DescribeHyperParameterTuningJob); an AutoML job's best candidate's jobs
 * (DescribeAutoMLJobV2). EMR steps log to S3 and Lambda steps to their function's group: named in the notes.
 */
export async function stepLogSources(client: SageMakerClient, step: PipelineExecutionStep): Promise<StepLogSources> {
  const metadata = step.Metadata ?? {};
  if (metadata.ProcessingJob?.Arn) return { jobs: [job("processing", jobName(metadata.ProcessingJob.Arn))], notes: [] };
  if (metadata.TrainingJob?.Arn) return { jobs: [job("training", jobName(metadata.TrainingJob.Arn))], notes: [] };
  if (metadata.TransformJob?.Arn) return { jobs: [job("transform", jobName(metadata.TransformJob.Arn))], notes: [] };
  if (metadata.TuningJob?.Arn) {
    const name = jobName(metadata.TuningJob.Arn);
    const tuning = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
    const best = tuning.BestTrainingJob?.TrainingJobName;
    return best
      ? { jobs: [job("training", best, ` (the best of tuning job ${name})`)], notes: [] }
      : { jobs: [], notes: [`Tuning job ${name} has no best training job yet.`] };
  }
  if (metadata.AutoMLJob?.Arn) {
    const name = jobName(metadata.AutoMLJob.Arn);
    const automl = await client.send(new DescribeAutoMLJobV2Command({ AutoMLJobName: name }));
    const steps = automl.BestCandidate?.CandidateSteps ?? [];
    const jobs = steps.flatMap((s) => {
      const kind = AUTOML_KINDS[s.CandidateStepType ?? ""];
      return kind && s.CandidateStepName ? [job(kind, s.CandidateStepName, ` (the best candidate of AutoML job ${name})`)] : [];
    });
    return jobs.length > 0 ? { jobs, notes: [] } : { jobs: [], notes: [`AutoML job ${name} has no best candidate yet.`] };
  }
  if (metadata.EMR) {
    const where = metadata.EMR.LogFilePath ? `in ${metadata.EMR.LogFilePath}` : "in the cluster's log folder (its LogUri)";
    return {
      jobs: [],
      notes: [`EMR step ${metadata.EMR.StepId ?? ""} of cluster ${metadata.EMR.ClusterId ?? "?"} writes its logs to S3, ${where}, not to CloudWatch.`],
    };
  }
  if (metadata.Lambda?.Arn) {
    const fn = metadata.Lambda.Arn.split(":")[6] ?? metadata.Lambda.Arn;
    return { jobs: [], notes: [`The Lambda function's log is in the log group /aws/lambda/${fn} (its streams are not per execution).`] };
  }
  return { jobs: [], notes: [noJobNote(step)] };
}

function noJobNote(step: PipelineExecutionStep): string {
  const status = step.StepStatus ?? "";
  if (status === "Starting" || status === "Executing") return "The step has started no job yet: no log yet.";
  const kind = Object.keys(step.Metadata ?? {})[0];
  return kind ? `A ${kind} step runs no job of its own: it has no log.` : "The step ran no job: it has no log.";
}
