#!/usr/bin/env bash
# Restores the local tools, builds the add-in, and runs the Cake pipeline with every argument passed through:
#   ./build.sh --target=Test
#   ./build.sh --target=DeploySerial --environment=production
#   ./build.sh --tree
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet tool restore >/dev/null
# build/build.cake loads the add-in from its bin folder (#r), so it must be built before the script compiles.
dotnet build src/Cake.FabulAWS/Cake.FabulAWS.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet cake build/build.cake "$@"
