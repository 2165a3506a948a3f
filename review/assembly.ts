/**
 * Reads a cloud assembly (`cdk.out/`): the manifest's stack artifacts, each stack's template and
 * metadata file, tree.json and the validation report that synth writes. Nothing else: the review
 * describes what `cdk synth` produced, not what the project's code says it should produce.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Description?: string;
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Description?: string; Value?: unknown }>;
  readonly Metadata?: Record<string, unknown>;
}

export interface MetadataEntry {
  readonly type: string;
  readonly data?: unknown;
}

export interface StackArtifact {
  /** The artifact id, which is the stack name for the lab's stacks. */
  readonly id: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly template: CfnTemplate;
  /** Construct path → metadata entries (the stack's metadata file and the manifest's inline metadata). */
  readonly metadata: Readonly<Record<string, readonly MetadataEntry[]>>;
  readonly dependencies: readonly string[];
}

export interface ValidationViolation {
  readonly ruleName: string;
  readonly description?: string;
  readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
}

export interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName?: string;
    readonly summary?: { readonly pluginName?: string };
    readonly conclusion?: string;
    readonly violations: readonly ValidationViolation[];
  }>;
}

export interface TreeNode {
  readonly id: string;
  readonly path: string;
  readonly constructInfo?: { readonly fqn: string; readonly version?: string };
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly children?: Readonly<Record<string, TreeNode>>;
}

export interface Assembly {
  readonly dir: string;
  readonly stacks: readonly StackArtifact[];
  readonly validationReport?: ValidationReport;
  /** Construct path → fully qualified construct class name, from tree.json. */
  readonly constructTypes: ReadonlyMap<string, string>;
  /** `stack/logicalId` → construct path, from tree.json (for templates synthesized without path metadata). */
  readonly logicalPaths: ReadonlyMap<string, string>;
}

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { templateFile?: string; stackName?: string };
  readonly dependencies?: string[];
  readonly metadata?: Record<string, MetadataEntry[]>;
  readonly additionalMetadataFile?: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function readAssembly(dir: string): Assembly {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile))
    throw new Error(
      `No cloud assembly in ${dir} (manifest.json is missing). Point it at the output of an earlier ` +
        '`npx cdk synth`: e.g. `cp -r cdk.out /tmp/before` before your change, then `--against /tmp/before`.',
    );
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(manifestFile);
  const stacks: StackArtifact[] = [];
  let treeFile: string | undefined;
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:tree') treeFile = path.join(dir, 'tree.json');
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templateFile = artifact.properties.templateFile;
    const metadata: Record<string, MetadataEntry[]> = { ...(artifact.metadata ?? {}) };
    if (artifact.additionalMetadataFile) {
      const extra = readJson<Record<string, MetadataEntry[]>>(
        path.join(dir, artifact.additionalMetadataFile),
      );
      for (const [p, entries] of Object.entries(extra)) metadata[p] = [...(metadata[p] ?? []), ...entries];
    }
    stacks.push({
      id,
      stackName: artifact.properties.stackName ?? artifact.displayName ?? id,
      templateFile,
      template: readJson<CfnTemplate>(path.join(dir, templateFile)),
      metadata,
      dependencies: (artifact.dependencies ?? []).filter((d) => !d.endsWith('.assets')),
    });
  }
  const reportFile = path.join(dir, 'validation-report.json');
  const validationReport = fs.existsSync(reportFile) ? readJson<ValidationReport>(reportFile) : undefined;
  const constructTypes = new Map<string, string>();
  const logicalPaths = new Map<string, string>();
  if (treeFile && fs.existsSync(treeFile)) {
    const walk = (node: TreeNode): void => {
      if (node.constructInfo) constructTypes.set(node.path, node.constructInfo.fqn);
      const logicalId = node.attributes?.['aws:cdk:cloudformation:logicalId'];
      if (typeof logicalId === 'string')
        logicalPaths.set(`${node.path.split('/')[0]}/${logicalId}`, node.path);
      for (const child of Object.values(node.children ?? {})) walk(child);
    };
    walk(readJson<{ tree: TreeNode }>(treeFile).tree);
  }
  return { dir, stacks, validationReport, constructTypes, logicalPaths };
}

/**
 * Lambda code assets that were not bundled: with bundling skipped (`cdk synth --exclusively`, or the
 * `aws:cdk:bundling-stacks` context) CDK points the asset at the source folder instead of a bundle
 * staged in the assembly. The templates are still right to review; the assets are not deployable.
 */
export function skippedBundles(assembly: Assembly): number {
  let count = 0;
  const dir = path.resolve(assembly.dir);
  for (const s of assembly.stacks) {
    const file = path.join(assembly.dir, `${s.id}.assets.json`);
    if (!fs.existsSync(file)) continue;
    const m = readJson<{ files?: Record<string, { source?: { path?: string; packaging?: string } }> }>(file);
    for (const f of Object.values(m.files ?? {})) {
      const p = f.source?.path;
      if (p && f.source?.packaging === 'zip' && path.isAbsolute(p) && !path.resolve(p).startsWith(dir))
        count++;
    }
  }
  return count;
}
