/**
 * Active CloudFormation hooks that would stop the lab's deploy: AWS Control Tower proactive controls
 * (activated as the `AWS::ControlTower::Hook` type, with the control ids in `ControlsToApply`), Guard
 * and Lambda hooks, custom hooks.
 *
 * Read-only: CloudFormation ListTypes (Type HOOK, Visibility PRIVATE: an activated hook gets a private
 * entry in the account's registry) and BatchDescribeTypeConfigurations (each hook's configuration:
 * HookInvocationStatus, FailureMode, its stack filters and properties). AWS's guide shows the
 * configuration of a proactive-control hook:
 * https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/proactive-controls-hooks-activate-hooks.html
 * (read 2026-12-05). A control the hook applies is matched against the controls the lab is known to
 * fail (./controls.ts); a hook of another kind can check anything, so it is named, not judged.
 */
import {
  BatchDescribeTypeConfigurationsCommand,
  ListTypesCommand,
  type TypeSummary,
} from '@aws-sdk/client-cloudformation';
import { SERVICES } from '../../lib/services';
import { controlFailure } from './controls';
import { demoStackName, deployLine } from './lab';
import { type CheckResult, type DoctorContext, type Said, type Status, say, unreadable } from './types';

/** What a hook's configuration says, as far as the doctor reads it. */
export interface HookView {
  readonly name: string;
  readonly arn: string;
  /** The type it was activated from, e.g. `AWS::ControlTower::Hook`. */
  readonly original?: string;
  readonly enabled: boolean;
  readonly failureMode: 'FAIL' | 'WARN';
  /** Control ids from `Properties.ControlsToApply`, when the hook is a proactive-control hook. */
  readonly controls?: readonly string[];
  /** Stack names the filters leave out, or only let in. */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

interface HookConfiguration {
  HookInvocationStatus?: string;
  FailureMode?: string;
  TargetStacks?: string;
  Properties?: { ControlsToApply?: string | string[] };
  StackFilters?: { StackNames?: { Include?: string[]; Exclude?: string[] } };
}

/** A hook as the doctor sees it, from its registry entry and its configuration (JSON text). */
export function hookView(type: TypeSummary, configuration?: string): HookView {
  let hook: HookConfiguration = {};
  try {
    hook =
      (
        JSON.parse(configuration ?? '{}') as {
          CloudFormationConfiguration?: { HookConfiguration?: HookConfiguration };
        }
      ).CloudFormationConfiguration?.HookConfiguration ?? {};
  } catch {
    // An unreadable configuration reads as the hook's defaults: not invoked.
  }
  const applied = hook.Properties?.ControlsToApply;
  const controls = applied === undefined ? undefined : Array.isArray(applied) ? applied : applied.split(',');
  return {
    name: type.TypeName ?? '?',
    arn: type.TypeArn ?? '',
    original: type.OriginalTypeName,
    enabled: hook.HookInvocationStatus === 'ENABLED' && hook.TargetStacks !== 'NONE',
    failureMode: hook.FailureMode === 'WARN' ? 'WARN' : 'FAIL',
    controls: controls?.map((c) => c.trim()).filter(Boolean),
    include: hook.StackFilters?.StackNames?.Include,
    exclude: hook.StackFilters?.StackNames?.Exclude,
  };
}

const isControlTower = (h: HookView) => /ControlTower/i.test(`${h.original ?? ''} ${h.name}`);

/** The lab stacks the hook's stack-name filters let it see. */
function stacksSeen(h: HookView, stacks: readonly string[]): string[] {
  return stacks.filter((s) => (!h.include || h.include.includes(s)) && !h.exclude?.includes(s));
}

async function listHooks(ctx: DoctorContext): Promise<HookView[]> {
  const types: TypeSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.cloudformation.send(
      new ListTypesCommand({ Type: 'HOOK', Visibility: 'PRIVATE', DeprecatedStatus: 'LIVE', NextToken }),
    );
    types.push(...(page.TypeSummaries ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  const configs = new Map<string, string>();
  for (let i = 0; i < types.length; i += 100) {
    const batch = types.slice(i, i + 100).filter((t) => t.TypeArn);
    if (batch.length === 0) continue;
    const out = await ctx.clients.cloudformation.send(
      new BatchDescribeTypeConfigurationsCommand({
        TypeConfigurationIdentifiers: batch.map((t) => ({ TypeArn: t.TypeArn })),
      }),
    );
    for (const c of out.TypeConfigurations ?? [])
      if (c.TypeArn && c.Configuration) configs.set(c.TypeArn, c.Configuration);
  }
  return types.map((t) => hookView(t, configs.get(t.TypeArn ?? '')));
}

interface Judged {
  readonly status: Status;
  readonly notes: Said[];
  readonly fix?: Said;
  readonly blocking: Array<{ control: string; stacks: string[] }>;
}

/** What one enabled hook means for the lab's stacks. */
function judge(ctx: DoctorContext, h: HookView): Judged {
  const stacksOf = (demos: readonly string[]) =>
    SERVICES.filter((s) => demos.includes(s.id)).map((s) => demoStackName(ctx.prefix, s));
  const mode = h.failureMode;
  if (h.controls) {
    const blocking = h.controls.flatMap((c) => {
      const known = controlFailure(c, ctx.config);
      const stacks = known ? stacksSeen(h, stacksOf(known.demos)) : [];
      return known && stacks.length > 0
        ? [{ control: known.control, stacks, governed: known.governedFixes }]
        : [];
    });
    if (blocking.length === 0)
      return {
        status: 'pass',
        notes: [say('hooks.controls.clear', { hook: h.name, count: h.controls.length })],
        blocking,
      };
    const notes: Said[] = [
      say(mode === 'FAIL' ? 'hooks.controls.fail' : 'hooks.controls.warn', { hook: h.name }),
      ...blocking.map((b) => say('hooks.control', { control: b.control, stacks: b.stacks.join(', ') })),
    ];
    const governed = deployLine(ctx.prefix, ctx.given, { governed: 'true' });
    const fix = blocking.every((b) => b.governed)
      ? say('hooks.fix.governed', { command: governed })
      : blocking.some((b) => b.governed)
        ? say('hooks.fix.partly', {
            command: governed,
            controls: blocking
              .filter((b) => !b.governed)
              .map((b) => b.control)
              .join(', '),
            hook: h.name,
          })
        : say('hooks.fix.admin', { hook: h.name });
    return { status: mode === 'FAIL' ? 'fail' : 'warn', notes, fix, blocking };
  }
  if (isControlTower(h))
    return {
      status: 'warn',
      notes: [say('hooks.ct.unread', { hook: h.name, mode })],
      fix: say('hooks.fix.review'),
      blocking: [],
    };
  return {
    status: mode === 'FAIL' ? 'warn' : 'pass',
    notes: [say('hooks.other', { hook: h.name, mode })],
    fix: mode === 'FAIL' ? say('hooks.fix.ask', { hook: h.name }) : undefined,
    blocking: [],
  };
}

export async function checkHooks(ctx: DoctorContext): Promise<CheckResult> {
  const base = { id: 'hooks', title: say('hooks.title') };
  let hooks: HookView[];
  try {
    hooks = await listHooks(ctx);
  } catch (err) {
    return unreadable(base, err, { denied: 'hooks.denied', other: 'hooks.error' }, { region: ctx.region });
  }
  const stacks = SERVICES.map((s) => demoStackName(ctx.prefix, s));
  const active = hooks.filter((h) => h.enabled && stacksSeen(h, stacks).length > 0);
  const data = { hooks, active: active.map((h) => h.name) };
  if (active.length === 0)
    return {
      ...base,
      status: 'pass',
      message: say(hooks.length ? 'hooks.noneActive' : 'hooks.none', {
        region: ctx.region,
        count: hooks.length,
      }),
      data,
    };
  const judged = active.map((h) => judge(ctx, h));
  const status: Status = judged.some((j) => j.status === 'fail')
    ? 'fail'
    : judged.some((j) => j.status === 'warn')
      ? 'warn'
      : 'pass';
  return {
    ...base,
    status,
    message: say('hooks.active', { count: active.length, region: ctx.region }),
    notes: judged.flatMap((j) => j.notes),
    fix: judged.find((j) => j.status === status && j.fix)?.fix,
    data: { ...data, blocking: judged.flatMap((j) => j.blocking) },
  };
}
