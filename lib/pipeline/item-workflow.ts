/**
 * The per-document child workflow: each item of the Distributed Map runs it as an Express
 * execution. Steps the run did not ask for are skipped by Choice states on `$.run.do`; every Task
 * is an AWS SDK integration except the two text operations JSONPath cannot do (lambda/pipeline/
 * text.ts). The order is fixed so that `pii` replaces each entity with its type BEFORE any later
 * step sends the text to another service; a language `pii` cannot read fails the item there (fail
 * closed). Every item leaves its record in results/<runId>/items/<itemId>.json, whatever happens;
 * a failed item then ends in a Fail state, which the Distributed Map counts against its
 * ToleratedFailurePercentage, and the run goes on.
 *
 * Two entries: `processItem` (extract → … → speak, or up to the summary prompt in a batch run)
 * and `finishItem` (a batch run's second pass: the guardrail on the batch answer, then speak).
 */
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { MAX_TEXT_BYTES, PII_LANGUAGES, VOICES } from '../../lambda/pipeline/schemas';
import { lambdaTask, sdkTask, setValue, shape } from './states';

export interface ItemWorkflowProps {
  readonly bucketName: string;
  readonly textFunctionArn: string;
  /** The model (or inference profile) id the summarize step calls. */
  readonly modelId: string;
  /** The summary's output-token cap (bedrockMaxTokensCap). */
  readonly maxTokens: number;
  /** The guardrail Converse runs with, and that checks batch answers. @default none */
  readonly guardrail?: { readonly id: string; readonly version: string };
}

/** Seconds any one service call may take before the item fails with States.Timeout. */
export const TASK_TIMEOUT_SECONDS = 60;

/** The summary prompt, the same for both inference modes (Converse, or a batch record). */
export const SUMMARY_PROMPT =
  'Summarize the following document in at most three sentences, written in {}. ' +
  'Reply with the summary only. Document: {}';

const flag = (step: string) => `$.run.do.${step}`;

/** `<label>?`: `then` when the run asks for `step`, else straight on to `next`. */
const ifAsked = (scope: Construct, label: string, step: string, then: sfn.IChainable, next: sfn.IChainable) =>
  new sfn.Choice(scope, `${label}?`)
    .when(sfn.Condition.booleanEquals(flag(step), true), then)
    .otherwise(next);

/** The document as the text function returns it (prepare and redact), into `$.doc`. */
const DOC_FIELDS = {
  'text.$': '$.Payload.text',
  'chars.$': '$.Payload.chars',
  'bytes.$': '$.Payload.bytes',
  'pages.$': '$.Payload.pages',
} as const;

/** Where an item's record goes, and the Pass states that mark its status before it is written. */
function saveRecord(scope: Construct, prefix: string, p: ItemWorkflowProps, id: string) {
  return sdkTask(scope, `${prefix}${id}`, {
    service: 's3',
    action: 'putObject',
    retry: 'S3',
    parameters: {
      Bucket: p.bucketName,
      'Key.$': "States.Format('results/{}/items/{}.json', $.run.runId, $.item.itemId)",
      'Body.$': 'States.JsonToString($)',
      ContentType: 'application/json',
    },
    resultPath: null,
    timeoutSeconds: TASK_TIMEOUT_SECONDS,
  });
}

/** The failure path every Task catches into: record the item as failed, then fail its execution. */
function failurePath(scope: Construct, prefix: string, p: ItemWorkflowProps) {
  const markFailed = setValue(scope, `${prefix}Mark failed`, 'failed', '$.status');
  const save = saveRecord(scope, prefix, p, 'Save failed record');
  const fail = new sfn.Fail(scope, `${prefix}Item failed`, {
    error: 'ItemFailed',
    cause:
      "One of the item's steps failed; its record in results/<runId>/items/ names the step and the error.",
  });
  markFailed.next(save).next(fail);
  return markFailed;
}

/** Catch anything a Task raises into the failure path, keeping the error under `$.failed.<step>`. */
const catchInto = (failed: sfn.IChainable, step: string) => (state: sfn.CustomState) =>
  state.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: `$.failed.${step}` });

/** speak: the summary, else the translation, else the (redacted) text, in a standard Polly voice. */
function speakChain(
  scope: Construct,
  prefix: string,
  p: ItemWorkflowProps,
  failed: sfn.IChainable,
  done: sfn.IChainable,
) {
  const s = (id: string) => `${prefix}${id}`;
  const synthesize = catchInto(
    failed,
    'speak',
  )(
    sdkTask(scope, s('Speak (Polly)'), {
      service: 'polly',
      action: 'startSpeechSynthesisTask',
      retry: 'Polly',
      comment:
        'StartSpeechSynthesisTask writes the MP3 to output/<runId>/ itself: no audio passes through the state.',
      parameters: {
        Engine: 'standard',
        OutputFormat: 'mp3',
        OutputS3BucketName: p.bucketName,
        'OutputS3KeyPrefix.$': "States.Format('output/{}/{}.', $.run.runId, $.item.itemId)",
        'Text.$': '$.speechInput.text',
        'VoiceId.$': '$.voice.voiceId',
      },
      resultSelector: {
        'uri.$': '$.SynthesisTask.OutputUri',
        'voice.$': '$.SynthesisTask.VoiceId',
        'taskId.$': '$.SynthesisTask.TaskId',
      },
      resultPath: '$.speech',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  synthesize.next(done);

  const voice = new sfn.Choice(scope, s('Voice for the language?'));
  for (const [lang, v] of Object.entries(VOICES)) {
    voice.when(
      sfn.Condition.stringEquals('$.speechInput.language', lang),
      setValue(scope, s(`Voice ${v.voiceId} (${lang})`), v, '$.voice').next(synthesize),
    );
  }
  voice.otherwise(
    shape(
      scope,
      s('No voice for the language'),
      {
        Error: 'NoVoiceForLanguage',
        'Cause.$': `States.Format('The speak step has a standard Polly voice for ${Object.keys(VOICES).join(', ')}; this text is in {}.', $.speechInput.language)`,
      },
      '$.failed.speak',
    ).next(failed),
  );

  const inLanguage = (id: string, textPath: string) =>
    new sfn.Choice(scope, s(`${id}: in which language?`))
      .when(
        sfn.Condition.booleanEquals(flag('translate'), true),
        shape(
          scope,
          s(`${id} in the target language`),
          { 'text.$': textPath, 'language.$': '$.run.targetLanguage' },
          '$.speechInput',
        ).next(voice),
      )
      .otherwise(
        shape(
          scope,
          s(`${id} in the document's language`),
          { 'text.$': textPath, 'language.$': '$.language.code' },
          '$.speechInput',
        ).next(voice),
      );

  return new sfn.Choice(scope, s('Speak?'))
    .when(sfn.Condition.booleanEquals(flag('speak'), false), done)
    .when(sfn.Condition.isPresent('$.summary.text'), inLanguage('Speak the summary', '$.summary.text'))
    .when(
      sfn.Condition.isPresent('$.translation.text'),
      inLanguage('Speak the translation', '$.translation.text'),
    )
    .otherwise(inLanguage('Speak the text', '$.doc.text'));
}

/** The record marked ok, written, and a small output for the Map's results (the record is in S3). */
function successPath(scope: Construct, prefix: string, p: ItemWorkflowProps, failed: sfn.IChainable) {
  const mark = setValue(scope, `${prefix}Mark ok`, 'ok', '$.status');
  const save = catchInto(failed, 'save')(saveRecord(scope, prefix, p, 'Save record'));
  const out = new sfn.Pass(scope, `${prefix}Item done`, {
    parameters: { 'itemId.$': '$.item.itemId', 'status.$': '$.status' },
  });
  mark.next(save).next(out);
  return mark;
}

/** extract → language → pii → sentiment → translate → summarize → speak, each only if asked for. */
export function processItem(scope: Construct, p: ItemWorkflowProps): sfn.IChainable {
  const failed = failurePath(scope, '', p);
  const caught = (step: string) => catchInto(failed, step);
  const ok = successPath(scope, '', p, failed);

  // --- speak, then done ----------------------------------------------------------------------
  const speak = speakChain(scope, '', p, failed, ok);

  // --- summarize: Converse through the guardrail, or wait for the batch job ---------------------
  const converse = caught('summarize')(
    sdkTask(scope, 'Summarize (Bedrock Converse)', {
      service: 'bedrockruntime',
      action: 'converse',
      retry: 'BedrockRuntime',
      parameters: {
        ModelId: p.modelId,
        Messages: [{ Role: 'user', Content: [{ 'Text.$': '$.prompt.text' }] }],
        InferenceConfig: { MaxTokens: p.maxTokens, Temperature: 0 },
        ...(p.guardrail && {
          GuardrailConfig: { GuardrailIdentifier: p.guardrail.id, GuardrailVersion: p.guardrail.version },
        }),
      },
      resultSelector: {
        'text.$': '$.Output.Message.Content[0].Text',
        'stopReason.$': '$.StopReason',
        'inputTokens.$': '$.Usage.InputTokens',
        'outputTokens.$': '$.Usage.OutputTokens',
        inference: 'realtime',
      },
      resultPath: '$.summary',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  converse.next(speak);
  const pendingBatch = setValue(scope, 'Mark pending batch', 'pending-batch', '$.status').next(
    caught('save')(saveRecord(scope, '', p, 'Save record for the batch')).next(
      new sfn.Pass(scope, 'Item queued for the batch', {
        parameters: { 'itemId.$': '$.item.itemId', 'status.$': '$.status' },
      }),
    ),
  );
  const prompt = shape(
    scope,
    'Build the summary prompt',
    { 'text.$': `States.Format('${SUMMARY_PROMPT}', $.run.summaryLanguage, $.doc.text)` },
    '$.prompt',
  ).next(
    new sfn.Choice(scope, 'Real time or batch?')
      .when(sfn.Condition.stringEquals('$.run.inference', 'batch'), pendingBatch)
      .otherwise(converse),
  );
  const summarize = ifAsked(scope, 'Summarize', 'summarize', prompt, speak);

  // --- translate -----------------------------------------------------------------------------------
  const translateText = caught('translate')(
    sdkTask(scope, 'Translate (Amazon Translate)', {
      service: 'translate',
      action: 'translateText',
      retry: 'Translate',
      parameters: {
        'Text.$': '$.doc.text',
        'SourceLanguageCode.$': '$.from.code',
        'TargetLanguageCode.$': '$.run.targetLanguage',
      },
      resultSelector: {
        'text.$': '$.TranslatedText',
        'from.$': '$.SourceLanguageCode',
        'to.$': '$.TargetLanguageCode',
      },
      resultPath: '$.translation',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  translateText.next(summarize);
  const sameLanguage = new sfn.Choice(scope, 'Already in the target language?')
    .when(
      sfn.Condition.stringEqualsJsonPath('$.language.code', '$.run.targetLanguage'),
      shape(
        scope,
        'Keep the text as it is',
        { 'text.$': '$.doc.text', 'from.$': '$.language.code', 'to.$': '$.run.targetLanguage' },
        '$.translation',
      ).next(summarize),
    )
    .otherwise(
      shape(scope, 'From the detected language', { 'code.$': '$.language.code' }, '$.from').next(
        translateText,
      ),
    );
  const translate = new sfn.Choice(scope, 'Translate?')
    .when(sfn.Condition.booleanEquals(flag('translate'), false), summarize)
    .when(sfn.Condition.isPresent('$.language.code'), sameLanguage)
    .otherwise(setValue(scope, 'From auto-detection', { code: 'auto' }, '$.from').next(translateText));

  // --- sentiment -------------------------------------------------------------------------------------
  const detectSentiment = caught('sentiment')(
    sdkTask(scope, 'Sentiment (Comprehend)', {
      service: 'comprehend',
      action: 'detectSentiment',
      retry: 'Comprehend',
      parameters: { 'Text.$': '$.doc.text', 'LanguageCode.$': '$.language.code' },
      resultSelector: { 'label.$': '$.Sentiment', 'scores.$': '$.SentimentScore' },
      resultPath: '$.sentiment',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  detectSentiment.next(translate);
  const sentiment = ifAsked(scope, 'Sentiment', 'sentiment', detectSentiment, translate);

  // --- pii: redact before anything else sees the text ------------------------------------------------
  const redact = caught('pii')(
    lambdaTask(
      scope,
      'Redact PII (Lambda)',
      p.textFunctionArn,
      { op: 'redact', 'doc.$': '$.doc' },
      {
        comment:
          'Code: replacing each entity by its type needs the offsets and a substring, which JSONPath lacks.',
        resultSelector: {
          ...DOC_FIELDS,
          'redacted.$': '$.Payload.redacted',
          'piiChars.$': '$.Payload.piiChars',
        },
        resultPath: '$.doc',
        timeoutSeconds: TASK_TIMEOUT_SECONDS,
      },
    ),
  );
  redact.next(sentiment);
  const findPii = caught('pii')(
    sdkTask(scope, 'Find PII (Comprehend)', {
      service: 'comprehend',
      action: 'detectPiiEntities',
      retry: 'Comprehend',
      parameters: { 'Text.$': '$.doc.text', 'LanguageCode.$': '$.language.code' },
      resultSelector: { 'entities.$': '$.Entities' },
      resultPath: '$.doc.pii',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  findPii.next(redact);
  const piiLanguage = new sfn.Choice(scope, 'PII language supported?')
    .when(
      sfn.Condition.or(...PII_LANGUAGES.map((l) => sfn.Condition.stringEquals('$.language.code', l))),
      findPii,
    )
    .otherwise(
      shape(
        scope,
        'PII language not supported',
        {
          Error: 'PiiLanguageNotSupported',
          'Cause.$': `States.Format('DetectPiiEntities reads ${PII_LANGUAGES.join(' and ')}; this document is {}, so nothing was sent to the later steps. Run it without pii to process it unredacted.', $.language.code)`,
        },
        '$.failed.pii',
      ).next(failed),
    );
  const pii = ifAsked(scope, 'PII', 'pii', piiLanguage, sentiment);

  // --- language ---------------------------------------------------------------------------------------
  const detectLanguage = caught('language')(
    sdkTask(scope, 'Language (Comprehend)', {
      service: 'comprehend',
      action: 'detectDominantLanguage',
      retry: 'Comprehend',
      parameters: { 'Text.$': '$.doc.text' },
      resultSelector: { 'code.$': '$.Languages[0].LanguageCode', 'score.$': '$.Languages[0].Score' },
      resultPath: '$.language',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  detectLanguage.next(pii);
  const language = ifAsked(scope, 'Language', 'language', detectLanguage, pii);

  // --- extract -----------------------------------------------------------------------------------------
  const prepare = caught('extract')(
    lambdaTask(
      scope,
      'Prepare text (Lambda)',
      p.textFunctionArn,
      { op: 'prepare', 'doc.$': '$.doc' },
      {
        comment: `Code: joining Textract's lines needs a string join, which JSONPath lacks; also checks the text fits every step (${MAX_TEXT_BYTES} bytes).`,
        resultSelector: DOC_FIELDS,
        resultPath: '$.doc',
        timeoutSeconds: TASK_TIMEOUT_SECONDS,
      },
    ),
  );
  prepare.next(language);
  const readText = caught('extract')(
    sdkTask(scope, 'Read text file (S3)', {
      service: 's3',
      action: 'getObject',
      retry: 'S3',
      parameters: { Bucket: p.bucketName, 'Key.$': '$.item.key' },
      resultSelector: { 'body.$': '$.Body', pages: 0 },
      resultPath: '$.doc',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  readText.next(prepare);
  const textract = caught('extract')(
    sdkTask(scope, 'Extract text (Textract)', {
      service: 'textract',
      action: 'detectDocumentText',
      retry: 'Textract',
      parameters: { Document: { S3Object: { Bucket: p.bucketName, 'Name.$': '$.item.key' } } },
      resultSelector: {
        'lines.$': "$.Blocks[?(@.BlockType == 'LINE')].Text",
        'pages.$': '$.DocumentMetadata.Pages',
      },
      resultPath: '$.doc',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  textract.next(prepare);
  return new sfn.Choice(scope, 'Text or scan?')
    .when(sfn.Condition.stringEquals('$.item.type', 'text/plain'), readText)
    .otherwise(textract);
}

/**
 * A batch run's second pass over each answered item: the guardrail checks the batch answer
 * (ApplyGuardrail on OUTPUT; a batch record carries no guardrail), then speak, then the record.
 */
export function finishItem(scope: Construct, p: ItemWorkflowProps): sfn.IChainable {
  const prefix = 'Finish: ';
  const failed = failurePath(scope, prefix, p);
  const ok = successPath(scope, prefix, p, failed);
  const speak = speakChain(scope, prefix, p, failed, ok);
  if (!p.guardrail) return speak;
  const guard = catchInto(
    failed,
    'summarize',
  )(
    sdkTask(scope, `${prefix}Guardrail on the answer (Bedrock)`, {
      service: 'bedrockruntime',
      action: 'applyGuardrail',
      retry: 'BedrockRuntime',
      parameters: {
        GuardrailIdentifier: p.guardrail.id,
        GuardrailVersion: p.guardrail.version,
        Source: 'OUTPUT',
        Content: [{ Text: { 'Text.$': '$.summary.text' } }],
      },
      resultSelector: { 'action.$': '$.Action', 'outputs.$': '$.Outputs' },
      resultPath: '$.summary.guardrail',
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  );
  guard.next(
    new sfn.Choice(scope, `${prefix}Guardrail intervened?`)
      .when(
        sfn.Condition.stringEquals('$.summary.guardrail.action', 'GUARDRAIL_INTERVENED'),
        new sfn.Pass(scope, `${prefix}Use the guarded answer`, {
          inputPath: '$.summary.guardrail.outputs[0].Text',
          resultPath: '$.summary.text',
        }).next(speak),
      )
      .otherwise(speak),
  );
  return guard;
}
