/**
 * Structured output for POST /bedrock/read-document (비정형 → 정형): the caller's optional JSON Schema is
 * checked before any model call, put into the prompt's output indicator, and the model's answer is parsed
 * and validated against it afterwards. Validation uses @cfworker/json-schema (JSON Schema 2020-12, no code
 * generation). Pure: no AWS calls, no logging.
 *
 * Why the schema goes into the prompt and not into a tool definition: a guardrail in `guardrailConfig`
 * does not evaluate tool definitions or the tool-call arguments a model generates
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use-converse-api.html, read 2026-12-05),
 * so structured output through tool use would leave the extracted fields unscreened. As text, the answer
 * passes through the lab's guardrail like every other one.
 */
import { type Schema, Validator } from '@cfworker/json-schema';
import { badRequest } from '../shared/errors';

/** The largest output schema accepted, as JSON (it is sent to the model inside the prompt). */
export const MAX_OUTPUT_SCHEMA_BYTES = 8 * 1024;
/** Keywords refused in an output schema: a regular expression from a request could run for a long time. */
const REFUSED_KEYWORDS = ['pattern', 'patternProperties', '$dynamicRef', '$recursiveRef'] as const;
/** At most this many validation errors are returned. */
const MAX_ERRORS = 10;

/** Every key used anywhere in a JSON value (to find refused keywords at any depth). */
function keysOf(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 32 || typeof value !== 'object' || value === null) return found;
  for (const [k, v] of Object.entries(value)) {
    found.add(k);
    keysOf(v, found, depth + 1);
  }
  return found;
}

/** A JSON Pointer fragment (`#/$defs/item`) resolved in `root`, or undefined when it points nowhere. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  const parts = ref
    .slice(2)
    .split('/')
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const p of parts) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, p)) return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

/** `$ref`s that are not a pointer into the schema itself, or point at nothing. */
function badRefs(root: unknown, node: unknown = root, found: string[] = [], depth = 0): string[] {
  if (depth > 32 || typeof node !== 'object' || node === null) return found;
  for (const [k, v] of Object.entries(node)) {
    if (
      k === '$ref' &&
      typeof v === 'string' &&
      (!/^#(\/|$)/.test(v) || resolvePointer(root, v) === undefined)
    )
      found.push(v);
    else badRefs(root, v, found, depth + 1);
  }
  return found;
}

/**
 * The caller's output schema, checked: an object schema (`"type": "object"`) of at most 8 KB, without
 * `pattern`, and one the validator can compile. @throws HttpError 400 before any model call.
 */
export function checkOutputSchema(schema: Record<string, unknown>): Validator {
  const json = JSON.stringify(schema);
  if (Buffer.byteLength(json, 'utf8') > MAX_OUTPUT_SCHEMA_BYTES) {
    throw badRequest(
      `outputSchema is ${Buffer.byteLength(json, 'utf8')} bytes of JSON; the limit is ${MAX_OUTPUT_SCHEMA_BYTES}.`,
    );
  }
  if (schema.type !== 'object') {
    throw badRequest(
      'outputSchema must describe an object ("type": "object" with "properties"): the fields to read from the document.',
    );
  }
  const keys = keysOf(schema);
  const refused = REFUSED_KEYWORDS.filter((k) => keys.has(k));
  if (refused.length > 0) {
    throw badRequest(
      `outputSchema may not use ${refused.join(', ')}: a regular expression or dynamic reference from the request is not run against the model's answer.`,
    );
  }
  const refs = badRefs(schema);
  if (refs.length > 0) {
    throw badRequest(
      `outputSchema is not a usable JSON Schema (2020-12): $ref ${refs.join(', ')} does not point into the schema itself.`,
    );
  }
  try {
    const validator = new Validator(schema as Schema, '2020-12', false);
    validator.validate({}); // compiles the references now, so a broken schema is the caller's 400
    return validator;
  } catch (err) {
    throw badRequest(`outputSchema is not a usable JSON Schema (2020-12): ${(err as Error).message}`);
  }
}

/** The output indicator (출력 지표) that asks for JSON: matching the schema when there is one. */
export function jsonOutputIndicator(
  outputIndicator: string | undefined,
  schema?: Record<string, unknown>,
): string {
  const ask = schema
    ? `Answer with one JSON object that matches this JSON Schema, and nothing else:\n${JSON.stringify(schema)}`
    : 'Answer with one JSON object and nothing else: each field you find as a key, its value as written in the document.';
  return outputIndicator ? `${outputIndicator.trim()}\n${ask}` : ask;
}

export type Parsed =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/**
 * The JSON object in a model's answer: the whole answer, or the text inside a ```json fence, or from the
 * first `{` to the last `}`. Anything else (no object, broken JSON, an array) is not parsed, with the reason.
 */
export function parseModelJson(text: string): Parsed {
  const trimmed = text.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed)?.[1];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  const candidates = [
    /^[[{]/.test(trimmed) ? trimmed : undefined,
    fenced,
    start >= 0 && end > start ? trimmed.slice(start, end + 1) : undefined,
  ];
  let lastError = 'the answer has no JSON object';
  for (const c of candidates) {
    if (!c) continue;
    try {
      const value: unknown = JSON.parse(c);
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return { ok: true, value: value as Record<string, unknown> };
      lastError = 'the answer is JSON but not an object';
    } catch (err) {
      lastError = `the answer is not valid JSON (${(err as Error).message})`;
    }
  }
  return { ok: false, reason: lastError };
}

export interface SchemaError {
  /** JSON Pointer into the answer, e.g. `/total`. */
  readonly path: string;
  readonly message: string;
}

/** Validation errors of `value` against the caller's schema (the leaf errors first, at most 10). */
export function schemaErrors(validator: Validator, value: unknown): SchemaError[] {
  let result: ReturnType<Validator['validate']>;
  try {
    result = validator.validate(value);
  } catch (err) {
    return [
      { path: '/', message: `the schema could not be applied to the answer: ${(err as Error).message}` },
    ];
  }
  if (result.valid) return [];
  const leaves = result.errors.filter((e) => !/^(properties|items|allOf|anyOf|oneOf|\$ref)$/.test(e.keyword));
  const chosen = leaves.length > 0 ? leaves : result.errors;
  return chosen
    .slice(0, MAX_ERRORS)
    .map((e) => ({ path: e.instanceLocation.replace(/^#/, '') || '/', message: e.error }));
}

export interface StructuredResult {
  /** True when the answer held a JSON object. */
  readonly parsed: boolean;
  /** With a schema: whether the object matches it. */
  readonly valid?: boolean;
  readonly errors?: SchemaError[];
  /** Why nothing was parsed. */
  readonly reason?: string;
}

/** Parse the model's answer and, with a schema, validate it: the fields, and what to say about them. */
export function structuredAnswer(
  text: string,
  stopReason: string,
  validator?: Validator,
): { fields?: Record<string, unknown>; structured: StructuredResult } {
  if (stopReason === 'guardrail_intervened') {
    return {
      structured: { parsed: false, reason: 'the guardrail intervened, so there is no answer to read' },
    };
  }
  const parsed = parseModelJson(text);
  if (!parsed.ok) {
    const cut = stopReason === 'max_tokens' ? ' (the answer was cut at maxTokens: ask for more tokens)' : '';
    return { structured: { parsed: false, reason: `${parsed.reason}${cut}` } };
  }
  if (!validator) return { fields: parsed.value, structured: { parsed: true } };
  const errors = schemaErrors(validator, parsed.value);
  return {
    fields: parsed.value,
    structured: errors.length === 0 ? { parsed: true, valid: true } : { parsed: true, valid: false, errors },
  };
}
