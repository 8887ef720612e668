using System.Diagnostics;
using System.Text.Json;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Support;

/// <summary>Runs the Debian awscli v2 (/usr/bin/aws, not the pyenv shim on PATH) against a LocalAws endpoint.</summary>
/// <param name="endpoint">The LocalAws endpoint.</param>
/// <param name="dataPath">An AWS_DATA_PATH with newer service models (see <see cref="AutoScalingModel"/>), or null.</param>
internal sealed class AwsCli(Uri endpoint, string? dataPath = null)
{
    private const string Executable = "/usr/bin/aws";

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }

    /// <summary>Runs a command and expects success.</summary>
    public async Task<JsonElement> RunAsync(params string[] args)
    {
        var result = await TryAsync(args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Error}");
        return result.Output.Trim().Length == 0 ? default : result.Json;
    }

    /// <summary>Runs a command; no retries, so faults and errors show.</summary>
    public async Task<Result> TryAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--endpoint-url", endpoint.ToString(), "--region", "us-east-1", "--output", "json" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDLOCALAWS";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "not-a-secret";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/localaws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/localaws-credentials";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_ENDPOINT_URL");
        if (dataPath is not null)
        {
            start.Environment["AWS_DATA_PATH"] = dataPath;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new Result(process.ExitCode, await output, await error);
    }
}
