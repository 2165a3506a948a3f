/**
 * Synthesize the app when there is no cloud assembly yet: the same `cdk synth` a user runs (the
 * project's pinned CLI, the app and context from cdk.json), offline and quiet.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export function synthesize(projectDir: string, outDir: string): void {
  const cdk = path.join(projectDir, 'node_modules', '.bin', 'cdk');
  const result = spawnSync(cdk, ['synth', '--quiet', '--no-notices', '--output', outDir], {
    cwd: projectDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (result.status !== 0) throw new Error(`cdk synth failed (exit ${result.status ?? result.signal}).`);
}
