/**
 * `npm run doctor`: the preflight a learner runs with credentials before `cdk deploy`. It reads the
 * lab's settings as synth would (cdk.json, cdk.context.json, `-c key=value`), asks who the caller is
 * (STS), then runs every check at once and prints one line per check, ✓ or ✗ (or ! for a caveat),
 * with the exact fix. Read-only: it creates nothing (cli/doctor/permissions.ts lists every call).
 *
 * Exit codes: 0 nothing to fix, 1 something to fix, 2 the doctor could not run (no credentials, no
 * Region, invalid settings).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Command, CommanderError } from 'commander';
import { isTableRegion } from '../../lambda/shared/regions';
import { ConfigError, type LabConfig, loadConfig } from '../../lib/config';
import { type Lang, pickLang } from '../../lib/i18n';
import { DEFAULT_PREFIX, PREFIX_ENV } from '../../lib/names';
import { PROJECT_ROOT } from '../../lib/project-root';
import { configuredRegion } from '../endpoints';
import { CliError, type Credentials, type CredentialsProvider, defaultCredentials } from '../signer';
import { checkAccount, checkRegion } from './check-account';
import { checkApiGatewayRole } from './check-apigateway';
import { checkGuardrail, checkModels } from './check-bedrock';
import { type BootstrapRequirement, checkBootstrap } from './check-bootstrap';
import { checkBudget } from './check-budget';
import { checkHooks } from './check-hooks';
import { checkServices } from './check-services';
import { awsError, type DoctorClients, doctorClients } from './clients';
import { deployLine } from './lab';
import { renderJson, renderText, words } from './render';
import { type CheckResult, type DoctorContext, type Said, say } from './types';

export interface DoctorDeps {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Where cdk.json and cdk.context.json are. @default the project root */
  readonly cwd?: string;
  /** @default the AWS default credential chain (environment, profile, SSO, …) */
  readonly credentials?: Credentials | CredentialsProvider;
  /** @default real SDK clients (tests mock them with aws-sdk-client-mock) */
  readonly clients?: (region: string, credentials: Credentials | CredentialsProvider) => DoctorClients;
  /** @default synthesized once per qualifier (check-bootstrap.ts) */
  readonly bootstrap?: BootstrapRequirement;
}

interface Options {
  readonly region?: string;
  readonly profile?: string;
  readonly lang?: string;
  readonly json?: boolean;
  readonly prefix?: string;
  readonly context: string[];
}

/** CDK context as `cdk synth` sees it: cdk.json's, then cdk.context.json's, then `-c` flags. */
function readContext(
  cwd: string,
  flags: readonly string[],
): { context: Record<string, unknown>; given: Record<string, string> } {
  const read = (file: string, pick: (j: Record<string, unknown>) => unknown) => {
    const full = path.join(cwd, file);
    if (!existsSync(full)) return {};
    return (pick(JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>) ?? {}) as Record<
      string,
      unknown
    >;
  };
  const given: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 1) throw new CliError(`-c ${flag}: expected key=value`);
    given[flag.slice(0, eq)] = flag.slice(eq + 1);
  }
  const context = { ...read('cdk.json', (j) => j.context), ...read('cdk.context.json', (j) => j), ...given };
  return { context, given };
}

function regionSource(o: Options, env: NodeJS.ProcessEnv): Said | string {
  if (o.region) return '--region';
  if (env.AWS_REGION) return 'AWS_REGION';
  if (env.AWS_DEFAULT_REGION) return 'AWS_DEFAULT_REGION';
  return say('source.profile', { profile: o.profile ?? env.AWS_PROFILE ?? 'default' });
}

/** An error that means the caller has no usable credentials, as the SDK and STS name them. */
function isCredentialsError(err: unknown): boolean {
  const { name } = awsError(err);
  return (
    err instanceof CliError ||
    /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|TokenRefreshRequired|InvalidGrant|SSOTokenProviderFailure/i.test(
      name,
    )
  );
}

/** Why the credentials failed, without the help text the CLI's chain appends (the doctor says its own). */
function credentialsWhy(err: unknown): string {
  const { message } = awsError(err);
  return message.replace(/^No usable AWS credentials \((.*)\)\. Configure them.*$/, '$1');
}

async function runChecks(ctx: DoctorContext, deps: DoctorDeps): Promise<CheckResult[]> {
  const inTable = isTableRegion(ctx.region);
  const [bootstrap, models, apigw, hooks, budget] = await Promise.all([
    checkBootstrap(ctx, deps.bootstrap),
    inTable ? checkModels(ctx) : Promise.resolve([]),
    checkApiGatewayRole(ctx),
    checkHooks(ctx),
    checkBudget(ctx),
  ]);
  return [
    checkAccount(ctx),
    checkRegion(ctx),
    bootstrap,
    ...(inTable ? checkServices(ctx) : []),
    ...models,
    ...(inTable ? [checkGuardrail(ctx)] : []),
    apigw,
    hooks,
    budget,
  ];
}

async function doctor(o: Options, deps: DoctorDeps, lang: Lang): Promise<number> {
  const env = deps.env ?? process.env;
  const stdout = deps.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = deps.stderr ?? ((t: string) => process.stderr.write(t));
  /** One line, on stdout as JSON with --json, on stderr otherwise; exit 2. */
  const cannotRun = (code: string, said: Said) => {
    const message = words(said, lang);
    if (o.json) stdout(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
    else stderr(`${message}\n`);
    return 2;
  };

  const region = await configuredRegion(o.region, o.profile, env);
  if (!region) return cannotRun('NO_REGION', say('noRegion'));
  let config: LabConfig;
  let context: Record<string, unknown>;
  let given: Record<string, string>;
  try {
    const flags = [...(o.prefix ? [`prefix=${o.prefix}`] : []), ...o.context];
    ({ context, given } = readContext(deps.cwd ?? PROJECT_ROOT, flags));
    // As synth reads them: AI_LAB_PREFIX names the instance when no -c prefix does.
    config = loadConfig({ tryGetContext: (k) => context[k] }, env);
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof CliError || err instanceof SyntaxError)) throw err;
    return cannotRun(
      'INVALID_SETTINGS',
      say('badConfig', { message: err.message.replace(/\s*\n\s*/g, ' ') }),
    );
  }

  const credentials = deps.credentials ?? defaultCredentials(o.profile);
  const clients = (deps.clients ?? doctorClients)(region, credentials);
  try {
    let who: { Account?: string; Arn?: string };
    try {
      // Credentials first: a missing or expired one is the likeliest reason the doctor cannot run.
      if (typeof credentials === 'function') await credentials();
      who = await clients.sts.send(new GetCallerIdentityCommand({}));
    } catch (err) {
      if (isCredentialsError(err))
        return cannotRun(
          'NO_CREDENTIALS',
          say('noCredentials', { why: credentialsWhy(err), help: say('noCredentials.help') }),
        );
      return cannotRun(
        'STS_ERROR',
        say('stsError', { region, error: `${awsError(err).name}: ${awsError(err).message}` }),
      );
    }
    const { prefix } = config;
    const ctx: DoctorContext = {
      account: who.Account ?? '',
      arn: who.Arn ?? '',
      region,
      config,
      prefix,
      given,
      context,
      clients,
    };
    const checks = await runChecks(ctx, deps);
    const report = {
      account: ctx.account,
      arn: ctx.arn,
      region,
      source: regionSource(o, env),
      prefix,
      checks,
      deploy: deployLine(prefix, given),
    };
    stdout(o.json ? renderJson(report, lang) : renderText(report, lang));
    return checks.some((c) => c.status === 'fail') ? 1 : 0;
  } finally {
    clients.destroy();
  }
}

export function buildProgram(deps: DoctorDeps, onExit: (code: number) => void): Command {
  return new Command('doctor')
    .description('Preflight before `cdk deploy`: checks this account and Region for the lab, read-only.')
    .option('--region <region>', 'AWS Region to check (default: AWS_REGION or your profile)')
    .option('--profile <name>', 'AWS profile for credentials (default: AWS_PROFILE or the default chain)')
    .option('--lang <lang>', 'en or ko (default: from LANG / LC_ALL)')
    .option('--json', 'print one JSON document (for scripts)')
    .option(
      '--prefix <name>',
      `the instance prefix you will deploy with, as -c prefix=NAME (default: ${PREFIX_ENV}, else ${DEFAULT_PREFIX})`,
    )
    .option(
      '-c, --context <key=value>',
      'a lab setting, as given to cdk deploy (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: deps.stdout ?? ((t) => process.stdout.write(t)),
      writeErr: deps.stderr ?? ((t) => process.stderr.write(t)),
    })
    .action(async (o: Options) => {
      onExit(await doctor(o, deps, pickLang(o.lang, deps.env ?? process.env)));
    });
}

/** Run the doctor; resolves to the exit code. */
export async function doctorMain(argv: string[], deps: DoctorDeps = {}): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let code = 0;
  try {
    await buildProgram(deps, (c) => {
      code = c;
    }).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    (deps.stderr ?? ((t: string) => process.stderr.write(t)))(
      `${err instanceof CliError ? '' : 'Unexpected error: '}${(err as Error).message}\n`,
    );
    return 2;
  }
}
