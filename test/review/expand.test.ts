/** Wildcard actions are expanded over the IAM data's own action list, the way IAM matches them. */
import { expandActionPattern } from '../../review/permissions';

test('a trailing * matches every action with that prefix, case-insensitively', async () => {
  const actions = await expandActionPattern('s3:getbucket*');
  expect(actions).toEqual(expect.arrayContaining(['s3:GetBucketAcl', 's3:GetBucketPolicy']));
  expect(actions.every((a) => /^s3:GetBucket/.test(a))).toBe(true);
});

test('? matches exactly one character', async () => {
  expect(await expandActionPattern('s3:?etObject')).toEqual(['s3:GetObject']);
  expect(await expandActionPattern('s3:?utObject')).toEqual(['s3:PutObject']);
});

test('an exact action is itself; regex characters in a pattern are literal', async () => {
  expect(await expandActionPattern('xray:PutTraceSegments')).toEqual(['xray:PutTraceSegments']);
  expect(await expandActionPattern('s3:Get.bject')).toEqual(['s3:Get.bject']);
});

test('negative control: an unknown service or a pattern that matches nothing is kept as written', async () => {
  expect(await expandActionPattern('nosuchservice:Get*')).toEqual(['nosuchservice:Get*']);
  expect(await expandActionPattern('s3:NoSuchAction*')).toEqual(['s3:NoSuchAction*']);
});
