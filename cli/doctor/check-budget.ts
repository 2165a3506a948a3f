/**
 * A cost budget: the lab's own (the budget stack's, `-c budgetEmail=…`), or at least one in the
 * account. Budgets DescribeBudgets (IAM action `budgets:ViewBudget`) with the account id.
 */
import { type Budget, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { awsError } from './clients';
import { budgetStackName, deployLine, labBudgetName } from './lab';
import { type CheckResult, type DoctorContext, say, unreadable } from './types';

async function budgets(ctx: DoctorContext): Promise<Budget[]> {
  const all: Budget[] = [];
  let NextToken: string | undefined;
  do {
    try {
      const page = await ctx.clients.budgets.send(
        new DescribeBudgetsCommand({ AccountId: ctx.account, MaxResults: 100, NextToken }),
      );
      all.push(...(page.Budgets ?? []));
      NextToken = page.NextToken;
    } catch (err) {
      // Budgets answers NotFoundException when the account has no budget at all.
      if (awsError(err).name === 'NotFoundException') return all;
      throw err;
    }
  } while (NextToken);
  return all;
}

export async function checkBudget(ctx: DoctorContext): Promise<CheckResult> {
  const name = labBudgetName(ctx.prefix, ctx.region);
  const base = { id: 'budget', title: say('budget.title') };
  let found: Budget[];
  try {
    found = await budgets(ctx);
  } catch (err) {
    return unreadable(base, err, { denied: 'budget.denied', other: 'budget.error' }, {}, { name });
  }
  const mine = found.find((b) => b.BudgetName === name);
  const data = { name, exists: Boolean(mine), budgets: found.length };
  if (mine)
    return {
      ...base,
      status: 'pass',
      message: say('budget.ok', {
        name,
        amount: mine.BudgetLimit?.Amount ?? '?',
        unit: mine.BudgetLimit?.Unit ?? '',
      }),
      data,
    };
  const { budgetEmail, budgetMonthlyUsd } = ctx.config;
  if (budgetEmail)
    return {
      ...base,
      status: 'pass',
      message: say('budget.planned', { stack: budgetStackName(ctx.prefix), name, amount: budgetMonthlyUsd }),
      data,
    };
  return {
    ...base,
    status: 'warn',
    message: found.length ? say('budget.others', { count: found.length }) : say('budget.none'),
    fix: say('budget.fix', {
      command: deployLine(
        ctx.prefix,
        ctx.given,
        { budgetEmail: 'you@example.com' },
        budgetStackName(ctx.prefix),
      ),
    }),
    data,
  };
}
