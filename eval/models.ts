/**
 * Which models an eval runs: short names for the notes' providers (Amazon Nova, AI21 Jamba, Cohere
 * Command) or any Bedrock model id. The lab's routes decide what can actually be called: the
 * comparison list the stack was deployed with (`-c bedrockCompareModelIds=…`, IAM scoped to exactly
 * those ids) and the main model behind /bedrock/converse, -stream and ask-notes (`-c bedrockModelId=…`).
 */
import { BEDROCK_TOKEN_PRICES, baseModelId } from '../lambda/shared/pricing';

/** Short names → foundation-model ids. The provider named in the notes' "model type" section first. */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'nova-micro': 'amazon.nova-micro-v1:0',
  'nova-lite': 'amazon.nova-lite-v1:0',
  'nova-pro': 'amazon.nova-pro-v1:0',
  'jamba-mini': 'ai21.jamba-1-5-mini-v1:0',
  'jamba-large': 'ai21.jamba-1-5-large-v1:0',
  'command-r': 'cohere.command-r-v1:0',
  'command-r-plus': 'cohere.command-r-plus-v1:0',
};

export const DEFAULT_MODELS = ['nova-micro', 'nova-lite'];

/** `--judge` without a model: whatever /bedrock/converse answers with (the stack's main model). */
export const MAIN_MODEL = 'main';

/** The classic-ML baseline of label tasks: Amazon Comprehend's DetectSentiment, not a foundation model. */
export const COMPREHEND_BASELINE = 'comprehend';

/** A short name or a model id → the id; throws for something that is neither. */
export function resolveModel(spec: string): string {
  const s = spec.trim();
  const id = MODEL_ALIASES[s] ?? s;
  if (!/^[a-z0-9.:-]{3,100}$/i.test(id) || !id.includes('.')) {
    throw new Error(
      `'${spec}' is neither a short name (${Object.keys(MODEL_ALIASES).join(', ')}) nor a Bedrock model id.`,
    );
  }
  return id;
}

/** The shortest readable name: the short name alone (charts have little room). */
export function shortName(id: string): string {
  if (id === COMPREHEND_BASELINE) return 'Comprehend';
  const stream = / \(stream\)$/.exec(id);
  if (stream) return `${shortName(id.slice(0, stream.index))}, stream`;
  const base = baseModelId(id);
  return Object.entries(MODEL_ALIASES).find(([, v]) => v === base)?.[0] ?? base;
}

/** The short name of an id when it has one, else the id: what a report shows. */
export function displayName(id: string): string {
  if (id === COMPREHEND_BASELINE) return 'Comprehend';
  const stream = / \(stream\)$/.exec(id);
  if (stream) return `${displayName(id.slice(0, stream.index))}, stream`;
  const base = baseModelId(id);
  const alias = Object.entries(MODEL_ALIASES).find(([, v]) => v === base)?.[0];
  return alias ? (base === id ? alias : `${alias} (${id})`) : id;
}

export const isPriced = (id: string) => BEDROCK_TOKEN_PRICES[baseModelId(id)] !== undefined;

/**
 * Split models into calls of /bedrock/compare, which takes two or three: 4 → 2 + 2, 5 → 3 + 2,
 * 7 → 3 + 2 + 2. One model alone cannot be compared; it goes to /bedrock/converse (the main model).
 */
export function compareGroups(models: readonly string[]): string[][] {
  const groups: string[][] = [];
  let rest = [...models];
  while (rest.length >= 2) {
    const take = rest.length === 4 ? 2 : Math.min(3, rest.length);
    groups.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  if (rest.length === 1) groups.push(rest);
  return groups;
}

/**
 * The deployed id for a requested one: the requested id when the list has it, else the listed id
 * with the same foundation model (`us.amazon.nova-lite-v1:0` for `amazon.nova-lite-v1:0`).
 */
export function matchDeployed(requested: string, allowed: readonly string[]): string | undefined {
  if (allowed.includes(requested)) return requested;
  return allowed.find((a) => baseModelId(a) === baseModelId(requested));
}
