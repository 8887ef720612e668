using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>Whether every web server shows (or does not show) the upgrade page.</summary>
/// <param name="ExpectShown">What was expected.</param>
/// <param name="Hosts">What each host has.</param>
/// <param name="Differing">The hosts that differ from the expectation.</param>
public sealed record UpgradePageReport(bool ExpectShown, IReadOnlyList<HostFiles> Hosts, IReadOnlyList<HostFiles> Differing)
{
    /// <summary>Gets a value indicating whether every host matches the expectation.</summary>
    public bool IsConsistent => Differing.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsConsistent
        ? $"upgrade page {(ExpectShown ? "shown" : "absent")} on all {Hosts.Count} host(s)"
        : $"upgrade page expected {(ExpectShown ? "shown" : "absent")}, but differs on: "
            + string.Join("; ", Differing.Select(h => $"{h.Host.Address} has [{string.Join(", ", h.Present)}], lacks [{string.Join(", ", h.Missing)}]"));
}
