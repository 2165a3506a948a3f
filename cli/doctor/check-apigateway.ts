/**
 * The account-level API Gateway CloudWatch role (`cloudwatchRoleArn` of GetAccount, one per account
 * and Region), against what `-c apiGatewayCloudWatchRole` asks the lab to do with it (lib/config.ts):
 * `none` leaves it alone, `existing` needs it set, `create` sets it to a role the shared stack makes.
 */
import { GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { apiRoleMode, deployLine, sharedStackName } from './lab';
import { type CheckResult, type DoctorContext, say, unreadable } from './types';

export async function checkApiGatewayRole(ctx: DoctorContext): Promise<CheckResult> {
  const { region } = ctx;
  const mode = apiRoleMode(ctx.config);
  const base = { id: 'apigateway-role', title: say('apigw.title') };
  let role: string | undefined;
  try {
    role = (await ctx.clients.apigateway.send(new GetAccountCommand({}))).cloudwatchRoleArn || undefined;
  } catch (err) {
    return unreadable(base, err, { denied: 'apigw.denied', other: 'apigw.error' }, {}, { mode });
  }
  const data = { mode, cloudwatchRoleArn: role ?? null };
  const fix = (value: string) => deployLine(ctx.prefix, ctx.given, { apiGatewayCloudWatchRole: value });
  switch (mode) {
    case 'none':
      return role
        ? {
            ...base,
            status: 'pass',
            message: say('apigw.none.set', { role }),
            notes: [say('apigw.none.tip', { command: fix('existing') })],
            data,
          }
        : { ...base, status: 'pass', message: say('apigw.none.unset', { region }), data };
    case 'existing':
      return role
        ? { ...base, status: 'pass', message: say('apigw.existing.ok', { role }), data }
        : {
            ...base,
            status: 'fail',
            message: say('apigw.existing.missing', { region }),
            fix: say('apigw.fix.missing', { create: fix('create'), none: fix('none') }),
            data,
          };
    case 'create':
      return role
        ? {
            ...base,
            status: 'warn',
            message: say('apigw.create.replace', { role }),
            fix: say('apigw.fix.replace', { command: fix('existing') }),
            data,
          }
        : {
            ...base,
            status: 'pass',
            message: say('apigw.create.ok', { stack: sharedStackName(ctx.prefix) }),
            data,
          };
  }
}
