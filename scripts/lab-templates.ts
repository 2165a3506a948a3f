/**
 * The lab's stack templates in a cloud assembly, found through its manifest (never a stale
 * `*.template.json` an earlier synth left in the folder), optionally only one instance's
 * (`-c prefix=…`, lib/names.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitStackName } from '../lib/names';

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string };
}

export interface LabTemplates<T> {
  /** Stack name → template, in the manifest's order. */
  readonly templates: Record<string, T>;
  /** The instance prefixes of every stack in the assembly, for a message when none matched. */
  readonly prefixes: readonly string[];
}

export function readLabTemplates<T = unknown>(dir: string, prefix?: string): LabTemplates<T> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const templates: Record<string, T> = {};
  const prefixes = new Set<string>();
  for (const [id, a] of Object.entries(manifest.artifacts ?? {})) {
    if (a.type !== 'aws:cloudformation:stack' || !a.properties?.templateFile) continue;
    const name = a.properties.stackName ?? a.displayName ?? id;
    const own = splitStackName(name)?.prefix;
    if (own) prefixes.add(own);
    if (prefix && own !== prefix) continue;
    templates[name] = JSON.parse(fs.readFileSync(path.join(dir, a.properties.templateFile), 'utf8')) as T;
  }
  return { templates, prefixes: [...prefixes] };
}
