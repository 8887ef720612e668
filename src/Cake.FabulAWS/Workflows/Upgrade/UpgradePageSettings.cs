namespace Cake.FabulAWS.Workflows.Upgrade;

/// <summary>The "upgrade in progress" page of the web servers (FabulAWS begin_upgrade / end_upgrade), from fabulaws-config.yml.</summary>
internal sealed record UpgradePageSettings
{
    /// <summary>Gets the web root of the deploy's own pages on the servers (<c>static_root</c>); may start with <c>~/</c>.</summary>
    public required string StaticRoot { get; init; }

    /// <summary>Gets the local upgrade page (<c>static_html.upgrade_message</c>), an absolute path.</summary>
    public required string UpgradeMessageFile { get; init; }

    /// <summary>Gets the local health-check override (<c>static_html.healthcheck_override</c>), an absolute path.</summary>
    public required string HealthcheckOverrideFile { get; init; }

    /// <summary>Gets a value indicating whether the health-check override is shown too, so the load balancer keeps the servers in service (FabulAWS stay_healthy).</summary>
    public bool StayHealthy { get; init; } = true;

    /// <summary>Gets the upgrade page's name in the web root.</summary>
    public string UpgradeMessageName { get; init; } = "upgrade_message.html";

    /// <summary>Gets the health-check override's name in the web root.</summary>
    public string HealthcheckName { get; init; } = "healthcheck.html";
}
