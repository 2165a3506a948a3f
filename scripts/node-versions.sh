#!/usr/bin/env bash
# The lab on other Node.js versions, with binaries from the npm registry's `node` package (no nvm,
# no root): synth (and its templates compared with this Node's), the CLI, and the tests.
#   bash scripts/node-versions.sh [--quick] [VERSION...]     default versions: 22 24
# --quick runs the handler, CLI and script tests instead of all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_DISABLE_VERSION_CHECK=true CDK_DISABLE_CLI_TELEMETRY=true

quick=false
if [ "${1:-}" = "--quick" ]; then quick=true; shift; fi
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22 24)

# The templates this Node writes, to compare each version's with. Beside cdk.out/, not in /tmp:
# the bundles' source maps name sources relative to the output folder, and so do asset hashes.
reference=cdk.out.node-reference
trap 'rm -rf cdk.out.node-*' EXIT
npx cdk synth --quiet --no-notices --output "$reference" >/dev/null

for v in "${versions[@]}"; do
  # `npx -p node@V` installs that Node into npm's cache; put its bin folder first on PATH so
  # every child (npx, tsx, jest workers) runs on it.
  bin=$(npx -y -p "node@$v" -c 'dirname "$(command -v node)"')
  export_path="$bin:$PATH"
  echo "== Node $(PATH="$export_path" node --version)"

  out="cdk.out.node-$v"
  PATH="$export_path" npx cdk synth --quiet --no-notices --output "$out"
  # Identical but for CDK's own analytics resource, which records the Node version.
  node -e '
    const fs = require("node:fs"), path = require("node:path");
    const [ref, out, v] = process.argv.slice(1);
    const read = (f) => { const t = JSON.parse(fs.readFileSync(f, "utf8")); delete t.Resources?.CDKMetadata; return JSON.stringify(t); };
    const files = fs.readdirSync(ref).filter((f) => f.endsWith(".template.json"));
    const differ = files.filter((f) => read(path.join(ref, f)) !== read(path.join(out, f)));
    if (differ.length) { console.error(`Node ${v} wrote different templates: ${differ.join(", ")}`); process.exit(1); }
    console.log(`synth: ${files.length} templates, identical to those of Node ${process.version} (CDK analytics aside)`);
  ' "$reference" "$out" "$v"

  PATH="$export_path" npm run --silent demo -- --help >/dev/null
  PATH="$export_path" npm run --silent demo -- comprehend sentiment --help >/dev/null
  echo "CLI: help and argument parsing run"

  if $quick; then
    PATH="$export_path" npx jest test/lambda test/cli test/scripts
  else
    PATH="$export_path" npx jest
  fi
done
