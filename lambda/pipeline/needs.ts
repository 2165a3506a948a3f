/**
 * What each step needs from the deployment's Region, in the Region table's terms
 * (lambda/shared/regions.ts). The pipeline is not one service: a run needs what its steps call. The
 * stack hands every step's needs to the Region table as request needs, so each Region's gaps reach
 * the function (AI_LAB_REGION_GAPS); POST /pipeline/runs answers 501 for a step the Region lacks,
 * naming the Regions that offer it, before any AWS call.
 *
 * Types only from regions.ts: the table itself stays out of the bundle, and the keys are written
 * as its `needKey` writes them (test/lambda/pipeline/logic.test.ts compares the two).
 *
 * Not in the table: AWS Step Functions itself (Standard and Express workflows, Distributed Map) and
 * Bedrock batch inference per model and Region.
 */
import type { Need } from '../shared/regions';
import type { Step } from './schemas';

const STEP_NEEDS: Readonly<Record<Exclude<Step, 'summarize'>, readonly Need[]>> = {
  extract: [{ service: 'textract' }],
  language: [{ service: 'comprehend' }],
  pii: [{ service: 'comprehend' }, { feature: 'comprehend-pii' }],
  sentiment: [{ service: 'comprehend' }],
  translate: [{ service: 'translate' }],
  speak: [{ service: 'polly' }, { feature: 'polly-standard' }],
};

/** The needs of the steps (the summarize step: Bedrock and the stack's model), without repeats. */
export function stepNeeds(steps: readonly Step[], modelId: string): Need[] {
  const all = steps.flatMap((s): readonly Need[] =>
    s === 'summarize' ? [{ service: 'bedrock' }, { model: modelId }] : STEP_NEEDS[s],
  );
  const seen = new Set<string>();
  return all.filter((n) => {
    const key = keyOf(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A need's key in the Region gaps, as lambda/shared/regions.ts `needKey` writes it. */
export function keyOf(need: Need): string {
  if ('service' in need) return `service:${need.service}`;
  if ('feature' in need) return `feature:${need.feature}`;
  return `model:${need.model}`;
}
