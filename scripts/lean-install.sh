#!/usr/bin/env bash
# The lean install a learner uses where disk is short (AWS CloudShell keeps 1 GB in $HOME):
# `npm ci --omit=dev` brings what synth, deploy, the CLI, the playground, the doctor and the review
# need, without the test, lint, browser and bench tooling. This script proves it on a copy of the
# repository's files: installs lean, checks that no development tool came along, synthesizes every
# stack offline with no credentials, runs the learner's tools (the review in Korean, as the Seoul
# walk-through does, docs/seoul.md) and reports the sizes.
#   bash scripts/lean-install.sh [--fresh-cache] [--keep]
# --fresh-cache  install through an empty npm cache inside the copy (downloads everything; reports
#                the cache's size too, which `npm ci` also writes under $HOME unless told otherwise)
# --keep         leave the copy in place and print where it is
# LEAN_LIMIT_MB (default 401, under half of the full install's 802 MB) fails the run when the lean
# node_modules is larger.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_DISABLE_VERSION_CHECK=true CDK_DISABLE_CLI_TELEMETRY=true
# Synth needs no account: make sure none is used.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN || true

fresh=false
keep=false
for arg in "$@"; do
  case "$arg" in
    --fresh-cache) fresh=true ;;
    --keep) keep=true ;;
    *) echo "usage: bash scripts/lean-install.sh [--fresh-cache] [--keep]" >&2; exit 2 ;;
  esac
done
limit_mb=${LEAN_LIMIT_MB:-401}

work=$(mktemp -d "${TMPDIR:-/tmp}/ai-lab-lean.XXXXXX")
$keep || trap 'rm -rf "$work"' EXIT
copy="$work/ai-services-lab"
mkdir -p "$copy"
# The files a clone has (tracked, as they are in this work tree), nothing installed or built.
git ls-files -z | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$copy"

cache_args=(--prefer-offline)
if $fresh; then cache_args=(--cache "$work/npm-cache"); fi

cd "$copy"
echo "== npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund "${cache_args[@]}"

# None of the development tooling may be there: that is what makes the install lean.
for dev in typescript jest @swc/jest @swc/core @biomejs/biome @sparticuz/chromium playwright-core fast-check \
  aws-sdk-client-mock @cdklabs/cdk-validator-cfnguard; do
  if [ -e "node_modules/$dev" ]; then
    echo "lean install: node_modules/$dev is there, but it is a development tool" >&2
    exit 1
  fi
done

echo "== cdk synth (offline, no credentials)"
start=$(date +%s)
npx cdk synth --quiet --no-notices
echo "synth: $(ls cdk.out/*.template.json | wc -l) templates in $(($(date +%s) - start)) s"

echo "== the learner's tools start"
npm run --silent demo -- --help >/dev/null
npm run --silent demo -- comprehend sentiment --help >/dev/null
npm run --silent playground -- --help >/dev/null
npm run --silent eval -- --help >/dev/null
npm run --silent cost >/dev/null
npm run --silent doctor -- --help >/dev/null
# The review reads the assembly just synthesized; its Control Tower section needs cfn-guard, a
# development dependency, and says so instead.
npm run --silent review -- --lang ko >/dev/null
ls cdk.out/review/*.md >/dev/null
echo "CLI, playground, eval, cost report, doctor and review: run"

# Sizes as the disk counts them (du's blocks: what a quota such as CloudShell's counts).
mb() { du -sk "$1" | awk '{ printf "%d", ($1 + 1023) / 1024 }'; }
modules=$(mb node_modules)
echo "== sizes (MB, disk usage)"
echo "node_modules: $modules (limit $limit_mb)"
echo "cdk.out:      $(mb cdk.out)"
echo "repository:   $(du -sk --exclude=node_modules --exclude=cdk.out . | awk '{ printf "%d", ($1 + 1023) / 1024 }')"
if $fresh; then echo "npm cache:    $(mb "$work/npm-cache")"; fi
echo "largest packages:"
du -sk node_modules/* node_modules/@*/* 2>/dev/null | sort -rn | head -8 \
  | awk '{ printf "  %5d MB  %s\n", ($1 + 1023) / 1024, substr($2, 14) }'
$keep && echo "kept: $copy"

if [ "$modules" -gt "$limit_mb" ]; then
  echo "lean install: node_modules is $modules MB, over the limit of $limit_mb MB" >&2
  exit 1
fi
echo "lean install: ok"
