/**
 * What a Bedrock model id means for IAM. A foundation-model id (amazon.nova-micro-v1:0) is
 * invoked in the stack's Region; a cross-Region inference-profile id (us.amazon.nova-micro-v1:0)
 * is invoked through the profile, which routes to the same foundation model in other Regions.
 */
export interface BedrockModelRef {
  /** The id as configured. */
  readonly id: string;
  /** The foundation model behind it, e.g. amazon.nova-micro-v1:0. */
  readonly foundationModelId: string;
  /** Geography prefix of a system-defined inference profile (us, eu, apac, global, …), if any. */
  readonly profileGeo?: string;
}

/** Prefixes AWS uses for system-defined cross-Region inference profiles. */
const PROFILE_GEOS = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];

export function parseModelId(id: string): BedrockModelRef {
  const dot = id.indexOf('.');
  const head = dot > 0 ? id.slice(0, dot) : '';
  if (PROFILE_GEOS.includes(head)) {
    const foundationModelId = id.slice(dot + 1);
    if (!foundationModelId.includes('.'))
      throw new Error(`bedrockModelId '${id}': no model after '${head}.'.`);
    return { id, foundationModelId, profileGeo: head };
  }
  if (!/^[a-z0-9-]+\.[a-z0-9.:-]+$/i.test(id)) {
    throw new Error(
      `bedrockModelId '${id}' is neither a foundation-model id (provider.model) nor an inference-profile id (geo.provider.model).`,
    );
  }
  return { id, foundationModelId: id };
}
