import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, type StackProps } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { buildNotesIndexJson } from '../../lambda/bedrock/notes-index';
import { requestSchemas } from '../../lambda/bedrock/schemas';
import { streamTimeoutSeconds } from '../../lambda/bedrock/stream-timeout';
import { modelInvokePolicy } from '../bedrock-invoke';
import { parseModelId } from '../bedrock-model';
import type { LabConfig } from '../config';
import { guardrailName } from '../names';
import { PROJECT_ROOT } from '../project-root';
import { service } from '../services';
import { DemoStack } from './demo-stack';

/**
 * <prefix>-Bedrock: the Converse API with the notes' prompt elements, a guardrail for toxicity and
 * PII, a hallucination notice, non-determinism samples, RAG over the study notes, token costs.
 */
export class BedrockStack extends DemoStack {
  /** The function's compile-time constants, also for prebuilding its bundle (lib/lab-bundles.ts). */
  public static readonly bundleDefine = bedrockDefine;

  public readonly guardrail?: bedrock.CfnGuardrail;
  public readonly guardrailVersion?: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: StackProps & { config: LabConfig }) {
    const { config } = props;
    const model = parseModelId(config.bedrockModelId);
    super(scope, id, {
      ...props,
      service: service('bedrock'),
      requestSchemas,
      memorySize: 512,
      timeout: Duration.seconds(28),
      environment: {
        MODEL_ID: model.id,
        MAX_TOKENS_CAP: String(config.bedrockMaxTokensCap),
        COMPARE_MODEL_IDS: config.bedrockCompareModelIds.join(','),
      },
      define: BedrockStack.bundleDefine(config),
      // POST /bedrock/converse-stream. A streamed response may run up to 15 minutes, so the
      // function and its STREAM integration get a timeout sized to the token cap
      // (lambda/bedrock/stream-timeout.ts: 60 s for the default 512 tokens); the handler ends the
      // stream before it with a TIMEOUT event. 256 MB: no notes index in this bundle.
      streamFunction: {
        memorySize: 256,
        timeout: Duration.seconds(streamTimeoutSeconds(config.bedrockMaxTokensCap)),
        environment: {
          MODEL_ID: model.id,
          MAX_TOKENS_CAP: String(config.bedrockMaxTokensCap),
        },
      },
    });

    // --- Model access: exactly the ARNs the configured model ids need ------------------------
    // The buffered function: Converse on the main model and on the comparison list.
    const invoke = modelInvokePolicy(
      this.demo,
      'BedrockInvoke',
      [model.id, ...config.bedrockCompareModelIds],
      ['bedrock:InvokeModel'],
    );
    invoke.attachToRole(this.demo.role);
    this.demo.fn.node.addDependency(invoke);
    // The streaming function: ConverseStream on the main model only.
    const stream = this.streamDemo!;
    const streamInvoke = modelInvokePolicy(
      stream,
      'BedrockInvokeStream',
      [model.id],
      ['bedrock:InvokeModelWithResponseStream'],
    );
    streamInvoke.attachToRole(stream.role);
    stream.fn.node.addDependency(streamInvoke);

    // --- Guardrail: toxicity (유해성) and PII (규정 위반) ---------------------------------------
    if (config.bedrockGuardrail) {
      const filter = (type: string, inputStrength = 'HIGH', outputStrength = 'HIGH') => ({
        type,
        inputStrength,
        outputStrength,
      });
      const guardrailProps: bedrock.CfnGuardrailProps = {
        name: guardrailName(config.prefix, config.environment),
        description:
          'ai-services-lab: content filters (toxicity, prompt attacks) and PII filters for the Converse demo',
        blockedInputMessaging:
          'The lab guardrail blocked this prompt (harmful content, a prompt attack or sensitive data).',
        blockedOutputsMessaging:
          'The lab guardrail blocked the model answer (harmful content or sensitive data).',
        contentPolicyConfig: {
          filtersConfig: [
            filter('HATE'),
            filter('INSULTS'),
            filter('SEXUAL'),
            filter('VIOLENCE'),
            filter('MISCONDUCT'),
            // Prompt-attack filtering applies to input only.
            filter('PROMPT_ATTACK', 'HIGH', 'NONE'),
          ],
        },
        sensitiveInformationPolicyConfig: {
          piiEntitiesConfig: [
            { type: 'EMAIL', action: 'ANONYMIZE' },
            { type: 'PHONE', action: 'ANONYMIZE' },
            { type: 'NAME', action: 'ANONYMIZE' },
            { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
            { type: 'CREDIT_DEBIT_CARD_CVV', action: 'BLOCK' },
            { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' },
            { type: 'AWS_SECRET_KEY', action: 'BLOCK' },
            { type: 'PASSWORD', action: 'BLOCK' },
          ],
        },
      };
      this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', guardrailProps);
      // A version is a snapshot taken when the resource is created; an update to the guardrail
      // alone leaves the function on the old snapshot. The description carries a hash of the
      // configuration, and changing it replaces the version (Description: update requires
      // replacement), so every guardrail change deploys a new version the function then uses.
      const configHash = createHash('sha256').update(JSON.stringify(guardrailProps)).digest('hex');
      this.guardrailVersion = new bedrock.CfnGuardrailVersion(this, 'GuardrailVersion', {
        guardrailIdentifier: this.guardrail.attrGuardrailId,
        description: `Version used by the Converse demo (configuration ${configHash.slice(0, 12)})`,
      });
      for (const [fn, policy] of [
        [this.demo.fn, invoke],
        [stream.fn, streamInvoke],
      ] as const) {
        fn.addEnvironment('GUARDRAIL_ID', this.guardrail.attrGuardrailId);
        fn.addEnvironment('GUARDRAIL_VERSION', this.guardrailVersion.attrVersion);
        policy.addStatements(
          new iam.PolicyStatement({
            actions: ['bedrock:ApplyGuardrail'],
            resources: [this.guardrail.attrGuardrailArn],
          }),
        );
      }
    }
  }
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
