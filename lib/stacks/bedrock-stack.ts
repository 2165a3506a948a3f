import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, type StackProps } from 'aws-cdk-lib';
import type * as bedrock from 'aws-cdk-lib/aws-bedrock';
import type { Construct } from 'constructs';
import { buildNotesIndexJson } from '../../lambda/bedrock/notes-index';
import { requestSchemas } from '../../lambda/bedrock/schemas';
import { streamTimeoutSeconds } from '../../lambda/bedrock/stream-timeout';
import type { RegionGaps } from '../../lambda/shared/availability';
import { modelRoute, type Need, offered, regionsOffering } from '../../lambda/shared/regions';
import { labGuardrail } from '../bedrock-guardrail';
import { modelInvokePolicy, resolveModel } from '../bedrock-invoke';
import { parseModelId } from '../bedrock-model';
import type { LabConfig } from '../config';
import { guardrailName } from '../names';
import { PROJECT_ROOT } from '../project-root';
import { RegionMap } from '../region-map';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/**
 * <prefix>-Bedrock: the Converse API with the notes' prompt elements, a guardrail for toxicity and
 * PII, a hallucination notice, non-determinism samples, RAG over the study notes, token costs, and
 * documents (Korean too) read by a multimodal model.
 */
export class BedrockStack extends DemoStack {
  /** The function's compile-time constants, also for prebuilding its bundle (lib/lab-bundles.ts). */
  public static readonly bundleDefine = bedrockDefine;

  public readonly guardrail?: bedrock.CfnGuardrail;
  public readonly guardrailVersion?: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    const { config } = props;
    const model = parseModelId(config.bedrockModelId);
    const compare = config.bedrockCompareModelIds;
    const documentModel = parseModelId(config.bedrockDocumentModelId).id;
    const main: Need = { model: model.id };
    super(scope, id, {
      ...props,
      service: service('bedrock'),
      requestSchemas,
      memorySize: 512,
      timeout: Duration.seconds(28),
      // MODEL_ID and COMPARE_MODEL_IDS are added below: each Region's resolved ids (Mappings).
      environment: { MAX_TOKENS_CAP: String(config.bedrockMaxTokensCap) },
      define: BedrockStack.bundleDefine(config),
      // POST /bedrock/converse-stream. A streamed response may run up to 15 minutes, so the
      // function and its STREAM integration get a timeout sized to the token cap
      // (lambda/bedrock/stream-timeout.ts: 60 s for the default 512 tokens); the handler ends the
      // stream before it with a TIMEOUT event. 256 MB: no notes index in this bundle.
      streamFunction: {
        memorySize: 256,
        timeout: Duration.seconds(streamTimeoutSeconds(config.bedrockMaxTokensCap)),
        environment: { MAX_TOKENS_CAP: String(config.bedrockMaxTokensCap) },
      },
      // A Region that cannot call the main model answers 501 on the routes that use it; the comparison
      // needs two of its models there, and a request naming one the Region lacks is a 501 too.
      regionNeeds: {
        routes: {
          '/bedrock/converse': [main],
          '/bedrock/ask-notes': [main],
          '/bedrock/converse-stream': [main],
          '/bedrock/read-document': [{ model: documentModel }],
        },
        requests: compare.map((m) => ({ model: m })),
      },
      extraGaps: (region): RegionGaps => {
        if (compare.filter((m) => offered(region, { model: m })).length >= 2) return {};
        const what = `Two of the comparison models (${compare.join(', ')})`;
        return { 'POST /bedrock/compare': { what, offeredIn: regionsOfferingTwo(compare) } };
      },
    });

    // --- Model ids: each Region's own (in-Region model or the geography's profile) ---------------
    const resolvedMain = resolveModel(this, model.id).invokeId;
    const compareIds = RegionMap.of(this).value('CompareModelIds', (r) => {
      const ids = compare.map((m) => modelRoute(r, m));
      const here = ids.flatMap((x) => (x.kind === 'none' ? [] : [x.invokeId]));
      // Fewer than two here: the route answers 501 first; the list keeps its shape for start-up.
      return (
        here.length >= 2 ? here : ids.map((x) => (x.kind === 'none' ? x.foundationModelId : x.invokeId))
      ).join(',');
    });
    const stream = this.streamDemo!;
    this.demo.fn.addEnvironment('MODEL_ID', resolvedMain);
    this.demo.fn.addEnvironment('COMPARE_MODEL_IDS', compareIds);
    this.demo.fn.addEnvironment('DOCUMENT_MODEL_ID', resolveModel(this, documentModel).invokeId);
    stream.fn.addEnvironment('MODEL_ID', resolvedMain);

    // --- Model access: exactly the ARNs each Region's resolved ids need ---------------------------
    // The buffered function: Converse on the main model, the comparison list and the document model.
    const invoke = modelInvokePolicy(
      this.demo,
      'BedrockInvoke',
      [model.id, ...compare, documentModel],
      ['bedrock:InvokeModel'],
    );
    invoke.attachToRole(this.demo.role);
    this.demo.fn.node.addDependency(invoke);
    // The streaming function: ConverseStream on the main model only.
    const streamInvoke = modelInvokePolicy(
      stream,
      'BedrockInvokeStream',
      [model.id],
      ['bedrock:InvokeModelWithResponseStream'],
    );
    streamInvoke.attachToRole(stream.role);
    stream.fn.node.addDependency(streamInvoke);

    // --- Guardrail: toxicity (유해성) and prompt attacks in Korean too (Standard tier), PII (규정 위반)
    if (config.bedrockGuardrail) {
      const lab = labGuardrail(this, guardrailName(config.prefix, config.environment));
      this.guardrail = lab.guardrail;
      this.guardrailVersion = lab.version;
      for (const [fn, policy] of [
        [this.demo.fn, invoke],
        [stream.fn, streamInvoke],
      ] as const) {
        fn.addEnvironment('GUARDRAIL_ID', lab.guardrail.attrGuardrailId);
        fn.addEnvironment('GUARDRAIL_VERSION', lab.version.attrVersion);
        fn.addEnvironment('GUARDRAIL_TIER', lab.tier);
        policy.addStatements(...lab.statements);
      }
    }
  }
}

/** Table Regions where at least two of the models can be called. */
function regionsOfferingTwo(models: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const m of models)
    for (const r of regionsOffering({ model: m })) count.set(r, (count.get(r) ?? 0) + 1);
  return [...count].filter(([, n]) => n >= 2).map(([r]) => r);
}

/** The notes are chunked and indexed at synth, and the index ships inside the bundle. */
function bedrockDefine(config: Pick<LabConfig, 'notesFile'>): Record<string, string> {
  return { __NOTES_INDEX__: JSON.stringify(readNotesIndex(config.notesFile)) };
}

/** Indexes already built in this process, by notes content (the prebuild and the stack share one). */
const indexes = new Map<string, string>();

/** Read, chunk and index the notes file; a missing or empty file fails synth with a clear message. */
function readNotesIndex(notesFile: string): string {
  const file = path.resolve(PROJECT_ROOT, notesFile);
  if (!fs.existsSync(file)) {
    throw new Error(
      `notesFile '${notesFile}' does not exist (resolved to ${path.relative(process.cwd(), file)}). Pass -c notesFile=path/to/notes.md.`,
    );
  }
  const markdown = fs.readFileSync(file, 'utf8');
  if (!markdown.trim())
    throw new Error(`notesFile '${notesFile}' is empty; ask-notes needs Markdown notes to search.`);
  let index = indexes.get(markdown);
  if (index === undefined) {
    index = buildNotesIndexJson(markdown);
    indexes.set(markdown, index);
  }
  return index;
}
