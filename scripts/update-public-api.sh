#!/usr/bin/env bash
# Regenerates the PublicAPI.Unshipped.txt file of every src/ project (or of the projects given as arguments) from
# the code. The public API analyzer (Microsoft.CodeAnalysis.PublicApiAnalyzers) reports each public symbol missing
# from the files (RS0016) and each listed symbol that no longer exists (RS0017); this script compiles the projects
# once with those diagnostics as warnings and applies them: missing symbols are added, vanished ones are removed
# (or, when they were already shipped, marked *REMOVED*). Review the diff of the PublicAPI files like any other change.
#
#   bash scripts/update-public-api.sh                       # every src/ project
#   bash scripts/update-public-api.sh src/ChatKit.Sqlite    # one project (its folder or its .csproj)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

projects=()
if [ $# -eq 0 ]; then
  # ChatKit first: the others reference it, and the rebuild below runs them in order.
  projects+=("$root/src/ChatKit/ChatKit.csproj")
  for p in "$root"/src/*/*.csproj; do
    [ "$p" = "$root/src/ChatKit/ChatKit.csproj" ] || projects+=("$p")
  done
else
  for arg in "$@"; do
    if [ -d "$arg" ]; then arg=$(ls "$arg"/*.csproj); fi
    [ -f "$arg" ] || { echo "no project at $arg" >&2; exit 2; }
    projects+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
  done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A throwaway traversal project: one MSBuild session rebuilds the projects (so the compiler runs and reports even
# when nothing changed) with the two diagnostics downgraded to warnings.
{
  echo '<Project>'
  echo '  <ItemGroup>'
  for p in "${projects[@]}"; do echo "    <ChatKitProject Include=\"$p\" />"; done
  echo '  </ItemGroup>'
  echo '  <Target Name="Build">'
  echo '    <MSBuild Projects="@(ChatKitProject)" Targets="Rebuild" BuildInParallel="false"'
  echo '             Properties="TreatWarningsAsErrors=false;WarningsAsErrors=;WarningsNotAsErrors=RS0016%3BRS0017" />'
  echo '  </Target>'
  echo '</Project>'
} > "$work/update-public-api.proj"

log="$work/build.log"
for p in "${projects[@]}"; do dotnet restore "$p" -v:quiet -nologo > /dev/null; done
if ! dotnet msbuild "$work/update-public-api.proj" -nologo -v:minimal -clp:NoSummary > "$log" 2>&1; then
  # Errors other than the public API ones (a compile error, say) must be fixed first.
  grep -E ': error ' "$log" | sort -u >&2 || cat "$log" >&2
  exit 1
fi

for p in "${projects[@]}"; do
  dir=$(dirname "$p")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  shipped="$dir/PublicAPI.Shipped.txt"
  [ -f "$shipped" ] || printf '#nullable enable\n' > "$shipped"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"

  # Diagnostics of this project only: MSBuild ends each line with the project that reported it.
  mine=$(grep -F "[$p" "$log" || true)
  added=$(printf '%s\n' "$mine" | sed -n "s/.*warning RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" | LC_ALL=C sort -u)
  removed=$(printf '%s\n' "$mine" | sed -n "s/.*warning RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" | LC_ALL=C sort -u)

  body="$work/body"
  grep -v '^#nullable enable$' "$unshipped" > "$body" || true
  if [ -n "$removed" ]; then
    while IFS= read -r symbol; do
      if grep -qxF -- "$symbol" "$body"; then
        grep -vxF -- "$symbol" "$body" > "$body.next" || true
        mv "$body.next" "$body"
      elif grep -qxF -- "$symbol" "$shipped"; then
        printf '*REMOVED*%s\n' "$symbol" >> "$body"
      fi
    done <<< "$removed"
  fi
  [ -z "$added" ] || printf '%s\n' "$added" >> "$body"
  { echo '#nullable enable'; grep -v '^$' "$body" | LC_ALL=C sort -u || true; } > "$unshipped"

  printf '%-40s +%d -%d\n' "$(basename "$dir")" \
    "$( [ -z "$added" ] && echo 0 || printf '%s\n' "$added" | wc -l)" \
    "$( [ -z "$removed" ] && echo 0 || printf '%s\n' "$removed" | wc -l)"
done
