/**
 * One run of the CLI or the smoke run: where the APIs are, whose credentials sign, where output
 * goes. Everything that touches AWS or the terminal can be injected, so tests run offline.
 */
import { type Lang, translator } from '../lib/i18n';
import {
  DEFAULT_PREFIX,
  PREFIX_ENV,
  PREFIX_MAX_LENGTH,
  PREFIX_PATTERN,
  PREFIX_RULE,
  stackName,
} from '../lib/names';
import type { DemoService } from '../lib/services';
import { LabClient } from './client';
import {
  cloudFormationLookup,
  configuredRegion,
  type Endpoint,
  Endpoints,
  type StackLookup,
} from './endpoints';
import { prefixHelp } from './localize';
import { SESSION_MESSAGES } from './messages/session';
import type { Io } from './output';
import { CliError, type Credentials, type CredentialsProvider, defaultCredentials } from './signer';

export interface CliDeps {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly stderrIsTTY?: boolean;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** @default the AWS default credential chain (environment, profile, SSO, …) */
  readonly credentials?: Credentials | CredentialsProvider;
  /** @default CloudFormation DescribeStacks */
  readonly lookup?: StackLookup;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** The options every command takes. */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly region?: string;
  readonly profile?: string;
  readonly outputsFile?: string;
  /** The instance prefix the stacks were deployed with (`-c prefix=…`). @default AI_LAB_PREFIX, else AiLab */
  readonly prefix?: string;
  /** The language of the messages (the CLI decides it from --lang and the locale). @default 'en' */
  readonly lang?: Lang;
}

export const PREFIX_OPTION = '--prefix <name>';
export const PREFIX_HELP = prefixHelp('en');

/** --prefix, then AI_LAB_PREFIX, then AiLab; a malformed one is an error naming where it came from. */
export function resolvePrefix(
  given: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  lang: Lang = 'en',
): string {
  const fromEnv = env[PREFIX_ENV];
  const [prefix, from] = given ? [given, '--prefix'] : fromEnv ? [fromEnv, PREFIX_ENV] : [DEFAULT_PREFIX, ''];
  if (!PREFIX_PATTERN.test(prefix) || prefix.length > PREFIX_MAX_LENGTH) {
    const t = translator(SESSION_MESSAGES, lang);
    throw new CliError(t('prefix.bad', { from, prefix, rule: PREFIX_RULE, max: PREFIX_MAX_LENGTH }));
  }
  return prefix;
}

export class Session {
  readonly io: Io;
  readonly cwd: string;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** The language of what this session prints. */
  readonly lang: Lang;
  /** The instance whose stacks this session calls (lib/names.ts). */
  readonly prefix: string;
  private creds?: Credentials | CredentialsProvider;
  private discovery?: Promise<Endpoints>;

  constructor(
    private readonly deps: CliDeps,
    readonly globals: GlobalOptions,
  ) {
    this.io = {
      stdout: deps.stdout ?? ((t) => process.stdout.write(t)),
      stderr: deps.stderr ?? ((t) => process.stderr.write(t)),
      stderrIsTTY: deps.stderrIsTTY ?? Boolean(process.stderr.isTTY),
    };
    this.cwd = deps.cwd ?? process.cwd();
    this.fetch = deps.fetch ?? fetch;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? Date.now;
    this.lang = globals.lang ?? 'en';
    this.prefix = resolvePrefix(globals.prefix, deps.env ?? process.env, this.lang);
  }

  /** The stack name of a demo in this session's instance, e.g. `Kim-Comprehend`. */
  stackOf(service: Pick<DemoService, 'stackSuffix'>): string {
    return stackName(this.prefix, service.stackSuffix);
  }

  get credentials(): Credentials | CredentialsProvider {
    this.creds ??= this.deps.credentials ?? defaultCredentials(this.globals.profile, this.lang);
    return this.creds;
  }

  private endpoints(): Promise<Endpoints> {
    this.discovery ??= (async () => {
      const region = await configuredRegion(this.globals.region, this.globals.profile, this.deps.env);
      return new Endpoints({
        cwd: this.cwd,
        outputsFile: this.globals.outputsFile,
        region,
        lang: this.lang,
        lookup: () => this.deps.lookup ?? cloudFormationLookup(region!, this.credentials, this.lang),
      });
    })();
    return this.discovery;
  }

  /** The stack's API endpoint; throws NotDeployedError when it is not deployed. */
  async endpoint(stackName: string): Promise<Endpoint> {
    return (await this.endpoints()).find(stackName);
  }

  async client(stackName: string): Promise<LabClient> {
    return new LabClient(await this.endpoint(stackName), this.credentials, this.fetch, this.lang);
  }

  /** A client for a demo of this session's instance. */
  clientOf(service: Pick<DemoService, 'stackSuffix'>): Promise<LabClient> {
    return this.client(this.stackOf(service));
  }
}
