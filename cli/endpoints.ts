/**
 * Where each demo's API is: the `ApiUrl` output of its stack, read from the file
 * `cdk deploy --outputs-file` wrote, or else from CloudFormation (DescribeStacks) in the
 * configured Region.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type Lang, translator } from '../lib/i18n';
import { deployCommand, PREFIX_ENV, splitStackName } from '../lib/names';
import { SESSION_MESSAGES } from './messages/session';
import { CliError, type Credentials, type CredentialsProvider } from './signer';

/** The CfnOutput id every demo stack uses for its API's base URL (lib/constructs/demo-api.ts). */
export const OUTPUT_KEY = 'ApiUrl';
export const DEFAULT_OUTPUTS_FILE = 'cdk-outputs.json';

export interface Endpoint {
  readonly stackName: string;
  /** Base URL ending in `/`, e.g. https://abc.execute-api.us-east-1.amazonaws.com/v1/ */
  readonly url: string;
  /** The Region to sign for. */
  readonly region: string;
}

/** A stack's status and outputs, or undefined when the stack does not exist. */
export type StackLookup = (
  stackName: string,
) => Promise<{ status: string; outputs: Record<string, string> } | undefined>;

export class NotDeployedError extends CliError {
  override name = 'NotDeployedError';
  constructor(
    readonly stackName: string,
    message: string,
  ) {
    super(message);
  }
}

/** The Region in an execute-api host name, e.g. `us-east-1`. */
export function regionFromUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1];
}

/** --region, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's `region` setting. */
export async function configuredRegion(
  region: string | undefined,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const given = region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (given) return given;
  try {
    return await new CloudFormationClient(profile ? { profile } : {}).config.region();
  } catch {
    return undefined;
  }
}

/** DescribeStacks for one stack; a stack that does not exist is `undefined`, not an error. */
export function cloudFormationLookup(
  region: string,
  credentials: Credentials | CredentialsProvider,
  lang: Lang = 'en',
): StackLookup {
  return async (stackName) => {
    const cfn = new CloudFormationClient({ region, credentials });
    try {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
      if (!stack) return undefined;
      const outputs = Object.fromEntries(
        (stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
      );
      return { status: String(stack.StackStatus), outputs };
    } catch (err) {
      if (err instanceof CliError) throw err;
      const e = err as { name?: string; message?: string };
      if (/^Validation/.test(e.name ?? '') && /does not exist/.test(e.message ?? '')) return undefined;
      const t = translator(SESSION_MESSAGES, lang);
      throw new CliError(
        t('stack.describeFailed', { stack: stackName, region, error: `${e.name}: ${e.message}` }),
      );
    } finally {
      cfn.destroy();
    }
  };
}

/** States in which a stack has no working API even if an old output is still listed. */
const NOT_SERVING = /^(ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED|REVIEW_IN_PROGRESS|DELETE_.*)$/;

export interface DiscoveryOptions {
  readonly cwd: string;
  /** Given with --outputs-file: then the file is the only source. */
  readonly outputsFile?: string;
  /** The configured Region (for CloudFormation, and to sign for a URL that does not name one). */
  readonly region?: string;
  /** The language of the errors. @default 'en' */
  readonly lang?: Lang;
  /** How to ask CloudFormation; built lazily, because reading the file needs no credentials. */
  readonly lookup: () => StackLookup;
}

export class Endpoints {
  private file?: { path: string; outputs: Record<string, Record<string, string>> } | null;

  private readonly t: ReturnType<typeof translator<keyof typeof SESSION_MESSAGES.en>>;

  constructor(private readonly o: DiscoveryOptions) {
    this.t = translator(SESSION_MESSAGES, o.lang ?? 'en');
  }

  async find(stackName: string): Promise<Endpoint> {
    const t = this.t;
    const file = this.outputsFile();
    const fromFile = file?.outputs[stackName]?.[OUTPUT_KEY];
    if (fromFile) return this.endpoint(stackName, fromFile);
    const names = { stack: stackName, key: OUTPUT_KEY, deploy: deployCommand(stackName) };
    if (file && this.o.outputsFile) {
      const others = this.otherPrefixes(stackName, file);
      throw new NotDeployedError(
        stackName,
        t('stack.notInFile', { ...names, file: this.o.outputsFile, others }),
      );
    }
    const region = this.o.region;
    if (!region) throw new CliError(t('stack.noRegion', names));
    const stack = await this.o.lookup()(stackName);
    if (!stack || NOT_SERVING.test(stack.status)) {
      const state = stack ? t('stack.state', { status: stack.status }) : '';
      const others = file ? this.otherPrefixes(stackName, file) : '';
      throw new NotDeployedError(stackName, t('stack.notDeployed', { ...names, region, state, others }));
    }
    const url = stack.outputs[OUTPUT_KEY];
    if (!url) {
      throw new NotDeployedError(stackName, t('stack.noOutput', { ...names, region, status: stack.status }));
    }
    return this.endpoint(stackName, url);
  }

  /**
   * The same demo under other prefixes in the outputs file, as a hint: a learner who deployed with
   * `-c prefix=Kim` and calls without `--prefix Kim` is told so.
   */
  private otherPrefixes(
    stackName: string,
    file: { path: string; outputs: Record<string, Record<string, string>> },
  ): string {
    const wanted = splitStackName(stackName);
    if (!wanted) return '';
    const prefixes = Object.keys(file.outputs)
      .map(splitStackName)
      .filter((n) => n && n.suffix === wanted.suffix && n.prefix !== wanted.prefix)
      .map((n) => n!.prefix);
    if (prefixes.length === 0) return '';
    const list = prefixes.map((p) => `${p}-${wanted.suffix}`).join(', ');
    const shown = path.relative(this.o.cwd, file.path) || file.path;
    return this.t('stack.otherPrefixes', { file: shown, list, prefix: prefixes[0]!, env: PREFIX_ENV });
  }

  private endpoint(stackName: string, url: string): Endpoint {
    const region = regionFromUrl(url) ?? this.o.region;
    if (!region) throw new CliError(this.t('url.noRegion', { url }));
    return { stackName, url: url.endsWith('/') ? url : `${url}/`, region };
  }

  /** The outputs file: the one given (it must exist), else ./cdk-outputs.json when present. */
  private outputsFile() {
    if (this.file !== undefined) return this.file;
    const file = path.resolve(this.o.cwd, this.o.outputsFile ?? DEFAULT_OUTPUTS_FILE);
    if (!existsSync(file)) {
      if (this.o.outputsFile) throw new CliError(this.t('outputs.notFound', { file: this.o.outputsFile }));
      this.file = null;
      return null;
    }
    try {
      this.file = { path: file, outputs: JSON.parse(readFileSync(file, 'utf8')) };
    } catch (err) {
      throw new CliError(this.t('outputs.unreadable', { file, error: (err as Error).message }));
    }
    return this.file;
  }
}
