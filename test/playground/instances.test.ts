/** The playground calls one instance of the lab: the stacks of --prefix (or AI_LAB_PREFIX), never another's. */
import { SERVICES } from '../../lib/services';
import { allStacks, labStack } from '../cli/harness';
import type { StandIn } from '../cli/stand-in';
import { type Lab, startLab } from './harness';
import { startSampleStandIn } from './stand-in';

let api: StandIn;
beforeAll(async () => {
  api = await startSampleStandIn();
});
afterAll(() => api.close());

const status = async (lab: Lab) =>
  (await (await fetch(`${lab.playground.url}api/status`, { headers: { 'x-playground': '1' } })).json()) as {
    stacks: Array<{ id: string; stackName: string; state: string; reason?: string; deployCommand?: string }>;
  };

test("--prefix Kim: the status and the calls go to Kim's stacks; the default instance's are not used", async () => {
  const kim = await startLab(api, { stacks: allStacks(api.url, 'Kim'), prefix: 'Kim' });
  const plain = await startLab(api, { stacks: allStacks(api.url, 'Kim') });
  try {
    const mine = await status(kim);
    expect(mine.stacks.map((s) => [s.stackName, s.state])).toEqual(
      SERVICES.map((s) => [labStack(s, 'Kim'), 'deployed']),
    );
    const res = await fetch(`${kim.playground.url}api/translate/languages`, {
      headers: { 'x-playground': '1' },
    });
    expect(res.status).toBe(200);
    // Without --prefix the default instance's stack is looked for; the file's other instance is named.
    const other = (await status(plain)).stacks.find((s) => s.id === 'polly');
    expect(other).toMatchObject({
      stackName: 'AiLab-Polly',
      state: 'not-deployed',
      deployCommand: 'npx cdk deploy AiLab-Polly',
      reason: expect.stringContaining('cdk-outputs.json lists Kim-Polly: pass --prefix Kim'),
    });
  } finally {
    await kim.playground.close();
    await plain.playground.close();
  }
});
