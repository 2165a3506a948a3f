import { labAssembly } from '../support/lab-assembly';

test('no budget stack unless an e-mail is configured', () => {
  const lab = labAssembly();
  expect(lab.named.budget).toBeUndefined();
  expect(lab.stackNames).not.toContain('AiLab-Budget');
});

test('a monthly cost budget on the Project tag, alerting on actual thresholds and forecast', () => {
  const lab = labAssembly({
    budgetEmail: 'learner@example.com',
    budgetMonthlyUsd: '5',
    budgetThresholds: '50,100',
  });
  const template = lab.template(lab.named.budget!);
  const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0]!;
  expect(budget.Properties.Budget).toEqual({
    // Budget names are unique per account: the name carries the instance and the Region.
    BudgetName: { 'Fn::Join': ['', ['ai-lab-monthly-', { Ref: 'AWS::Region' }]] },
    BudgetType: 'COST',
    TimeUnit: 'MONTHLY',
    BudgetLimit: { Amount: 5, Unit: 'USD' },
    CostFilters: { TagKeyValue: ['user:Project$ai-services-lab'] },
  });
  const notifications = budget.Properties.NotificationsWithSubscribers.map(
    (n: { Notification: { NotificationType: string; Threshold: number } }) =>
      `${n.Notification.NotificationType} ${n.Notification.Threshold}`,
  );
  expect(notifications).toEqual(['ACTUAL 50', 'ACTUAL 100', 'FORECASTED 100']);
  expect(budget.Properties.NotificationsWithSubscribers[0].Subscribers).toEqual([
    { SubscriptionType: 'EMAIL', Address: 'learner@example.com' },
  ]);
  expect(budget.Properties.ResourceTags.map((t: { Key: string }) => t.Key)).toEqual(
    expect.arrayContaining(['Project', 'Service', 'CostCenter']),
  );
});

test("another instance's budget has its own name", () => {
  const lab = labAssembly({ budgetEmail: 'learner@example.com', prefix: 'Kim' });
  expect(lab.named.budget).toBe('Kim-Budget');
  const budget = Object.values(lab.template(lab.named.budget!).findResources('AWS::Budgets::Budget'))[0]!;
  expect(budget.Properties.Budget.BudgetName).toEqual({
    'Fn::Join': ['', ['kim-monthly-', { Ref: 'AWS::Region' }]],
  });
});
