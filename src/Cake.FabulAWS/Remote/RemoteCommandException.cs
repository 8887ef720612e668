using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Remote;

/// <summary>One or more hosts failed a remote step. Lists every failure and keeps every host's result (CakeException is sealed in Cake 7, so this derives from Exception).</summary>
public sealed class RemoteCommandException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RemoteCommandException"/> class.</summary>
    /// <param name="step">What was being done, such as the safe rendering of the command.</param>
    /// <param name="results">The results of every host.</param>
    public RemoteCommandException(string step, IReadOnlyList<HostResult> results)
        : base(Describe(step, results))
    {
        Step = step;
        Results = results;
    }

    /// <summary>Gets what was being done.</summary>
    public string Step { get; }

    /// <summary>Gets the results of every host, the successful ones included.</summary>
    public IReadOnlyList<HostResult> Results { get; }

    /// <summary>Gets the failed hosts' results.</summary>
    public IReadOnlyList<HostResult> Failures => [.. Results.Where(r => !r.Succeeded)];

    private static string Describe(string step, IReadOnlyList<HostResult> results)
    {
        var failures = results.Where(r => !r.Succeeded).ToList();
        var lines = new List<string> { $"{failures.Count} of {results.Count} host(s) failed: {step}" };
        foreach (var failure in failures)
        {
            lines.Add($"  [{failure.Host.Address}] {failure.Failure}");
            if (failure.OutputTail.Length > 0)
            {
                lines.AddRange(failure.OutputTail.Split('\n').Select(l => $"    | {l}"));
            }
        }

        return string.Join('\n', lines);
    }
}
