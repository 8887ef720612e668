#!/usr/bin/env pwsh
# Restores the local tools, builds the add-in, and runs the Cake pipeline with every argument passed through:
#   ./build.ps1 --target=Test
#   ./build.ps1 --target=DeploySerial --environment=production
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
# build/build.cake loads the add-in from its bin folder (#r), so it must be built before the script compiles.
dotnet build src/Cake.FabulAWS/Cake.FabulAWS.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build/build.cake @args
exit $LASTEXITCODE
