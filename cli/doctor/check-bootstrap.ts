/**
 * CDK bootstrap: present in this account and Region, and at least the version the installed
 * aws-cdk-lib asks of it. `cdk deploy` reads the same SSM parameter (`/cdk-bootstrap/<qualifier>/version`,
 * written by the bootstrap stack, CDKToolkit by default) and every template carries a rule that fails
 * below the version; the doctor says so before the deploy does.
 *
 * The required version is what aws-cdk-lib writes into a synthesized assembly
 * (`requiresBootstrapStackVersion` of the stack and its asset manifest): the doctor synthesizes one
 * empty stack with the default synthesizer, as every lab stack uses, into a temporary folder it
 * removes. A test checks that the lab's own assembly asks for the same version.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { awsError } from './clients';
import { type CheckResult, type DoctorContext, say, unreadable } from './types';

export const QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

export interface BootstrapRequirement {
  /** The lowest bootstrap version the synthesized stacks accept. */
  readonly version: number;
  /** The SSM parameter that holds the deployed version. */
  readonly parameter: string;
}

const probed = new Map<string, BootstrapRequirement>();

/** What aws-cdk-lib's default synthesizer asks of the bootstrap, for this qualifier (once per process). */
export function bootstrapRequirement(qualifier?: string): BootstrapRequirement {
  const known = probed.get(qualifier ?? '');
  if (known) return known;
  const found = probe(qualifier);
  probed.set(qualifier ?? '', found);
  return found;
}

function probe(qualifier?: string): BootstrapRequirement {
  // Loaded here, not at the top: only this check needs aws-cdk-lib.
  const { App, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const outdir = mkdtempSync(path.join(tmpdir(), 'ai-lab-doctor-'));
  try {
    // No CloudFormation validation: it takes seconds to start and has nothing to say about one empty stack.
    const app = new App({
      outdir,
      builtinCloudFormationValidation: false,
      context: qualifier ? { [QUALIFIER_CONTEXT]: qualifier } : {},
    });
    new Stack(app, 'BootstrapProbe');
    return requirementOf(app.synth());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The highest `requiresBootstrapStackVersion` in an assembly, and its version parameter. */
export function requirementOf(assembly: {
  readonly artifacts: ReadonlyArray<{ readonly manifest: { readonly properties?: unknown } }>;
}): BootstrapRequirement {
  let version = 0;
  let parameter = '';
  for (const artifact of assembly.artifacts) {
    const p = artifact.manifest.properties as
      | { requiresBootstrapStackVersion?: number; bootstrapStackVersionSsmParameter?: string }
      | undefined;
    if (p?.requiresBootstrapStackVersion && p.requiresBootstrapStackVersion > version) {
      version = p.requiresBootstrapStackVersion;
    }
    parameter ||= p?.bootstrapStackVersionSsmParameter ?? '';
  }
  if (!version || !parameter) throw new Error('the synthesized assembly names no bootstrap version');
  return { version, parameter };
}

/** The version `cdk bootstrap` of the installed CDK CLI deploys, read from its template. */
export function cliBootstrapVersion(): number | undefined {
  try {
    const root = path.dirname(require.resolve('aws-cdk/package.json'));
    const template = readFileSync(
      path.join(root, 'lib', 'api', 'bootstrap', 'bootstrap-template.yaml'),
      'utf8',
    );
    const m = /CdkBootstrapVersion:[\s\S]*?Value:\s*'(\d+)'/.exec(template);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function checkBootstrap(
  ctx: DoctorContext,
  requirement: BootstrapRequirement = bootstrapRequirement(
    ctx.context[QUALIFIER_CONTEXT] as string | undefined,
  ),
): Promise<CheckResult> {
  const { account, region } = ctx;
  const latest = cliBootstrapVersion();
  const base = {
    id: 'bootstrap',
    title: say('bootstrap.title'),
    data: { parameter: requirement.parameter, required: requirement.version, cliTemplate: latest },
  };
  const fix = say('bootstrap.fix', { account, region });
  let deployed: number;
  try {
    const out = await ctx.clients.ssm.send(new GetParameterCommand({ Name: requirement.parameter }));
    deployed = Number(out.Parameter?.Value);
  } catch (err) {
    const e = awsError(err);
    if (e.name === 'ParameterNotFound')
      return {
        ...base,
        status: 'fail',
        message: say('bootstrap.missing', { account, region, parameter: requirement.parameter }),
        fix,
      };
    return {
      ...unreadable(
        base,
        err,
        { denied: 'bootstrap.denied', other: 'bootstrap.error' },
        { parameter: requirement.parameter },
        base.data,
      ),
      fix: say('bootstrap.denied.fix', { region }),
    };
  }
  const data = { ...base.data, deployed };
  if (!Number.isFinite(deployed) || deployed < requirement.version)
    return {
      ...base,
      status: 'fail',
      message: say('bootstrap.old', { deployed: String(deployed), required: requirement.version }),
      fix,
      data,
    };
  const upgrade = latest !== undefined && latest > deployed;
  return {
    ...base,
    status: 'pass',
    message: say('bootstrap.ok', { deployed, required: requirement.version }),
    notes: upgrade ? [say('bootstrap.upgrade', { latest, account, region })] : undefined,
    data,
  };
}
