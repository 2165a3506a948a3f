/**
 * The doctor's vocabulary: a check's result is a status, words (message keys with their values, so
 * the same result reads in English, in Korean and as JSON) and, when something is wrong, the fix.
 */
import type { LabConfig } from '../../lib/config';
import type { Vars } from '../../lib/i18n';
import { awsError, type DoctorClients, isAccessDenied } from './clients';
import type { MessageKey } from './messages';

/**
 * - `pass` ✓: ready.
 * - `warn` !: the deploy works, with a caveat worth knowing (a WARN-mode hook, no budget, a check
 *   the caller may not run).
 * - `fail` ✗: `cdk deploy` fails, or a demo will not work, until the fix is applied.
 */
export type Status = 'pass' | 'warn' | 'fail';

/** Words to show: a key of the doctor's message table and its values (words themselves, too). */
export interface Said {
  readonly key: MessageKey;
  readonly vars?: SaidVars;
}

export type SaidVars = Readonly<Record<string, Vars[string] | Said>>;

export const say = (key: MessageKey, vars?: SaidVars): Said => ({ key, vars });

/**
 * A check whose read failed: a caveat (!), not a failure, saying which IAM action the caller lacks
 * (`denied`) or what AWS answered (`other`).
 */
export function unreadable(
  base: Pick<CheckResult, 'id' | 'title'>,
  err: unknown,
  keys: { readonly denied: MessageKey; readonly other: MessageKey },
  vars: SaidVars = {},
  data: Readonly<Record<string, unknown>> = {},
): CheckResult {
  const error = awsError(err);
  return {
    ...base,
    status: 'warn',
    message: say(isAccessDenied(err) ? keys.denied : keys.other, { ...vars, error: error.name }),
    data: { ...data, error },
  };
}

export interface CheckResult {
  /** Stable id for scripts: `account`, `bootstrap`, `model:amazon.nova-micro-v1:0`, `hooks` … */
  readonly id: string;
  readonly status: Status;
  /** What was checked, in a few words. */
  readonly title: Said;
  /** What was found. */
  readonly message: Said;
  /** More lines under the message (one per hook, per control …). */
  readonly notes?: readonly Said[];
  /** What to do: a `cdk deploy -c …`, a console page, a Region. */
  readonly fix?: Said;
  /** The facts behind the words, for `--json`. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Where the Region came from, as the CLI resolves it. */
export type RegionSource = '--region' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile';

/** Everything a check may read; built once per run after the caller's identity is known. */
export interface DoctorContext {
  readonly account: string;
  readonly arn: string;
  readonly region: string;
  readonly config: LabConfig;
  /** The instance prefix the stacks are (or will be) deployed as. */
  readonly prefix: string;
  /** Settings given to the doctor with `-c`, repeated in the fixes it prints. */
  readonly given: Readonly<Record<string, string>>;
  /** CDK context (cdk.json, cdk.context.json, -c) for settings that are not the lab's own. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly clients: DoctorClients;
}
