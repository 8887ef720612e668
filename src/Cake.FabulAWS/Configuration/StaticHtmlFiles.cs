namespace Cake.FabulAWS.Configuration;

/// <summary>
/// The two pages a deploy puts on the web instances (<c>static_html</c>), as full local paths, and where they go.
/// </summary>
/// <param name="UpgradeMessage">The local upgrade page shown while deploying (<c>upgrade_message</c>).</param>
/// <param name="HealthcheckOverride">The local page that keeps the health check passing while deploying (<c>healthcheck_override</c>).</param>
/// <param name="RemoteRoot">The remote folder both pages are copied into (<c>static_root</c>; may start with <c>~/</c>).</param>
public sealed record StaticHtmlFiles(string UpgradeMessage, string HealthcheckOverride, string RemoteRoot)
{
    /// <summary>The name the upgrade page gets in <see cref="RemoteRoot"/>.</summary>
    public const string RemoteUpgradeMessageName = "upgrade_message.html";

    /// <summary>The name the health-check override gets in <see cref="RemoteRoot"/>.</summary>
    public const string RemoteHealthcheckName = "healthcheck.html";

    /// <summary>Gets the remote path of the upgrade page.</summary>
    public string RemoteUpgradeMessage => RemoteRoot.TrimEnd('/') + "/" + RemoteUpgradeMessageName;

    /// <summary>Gets the remote path of the health-check override.</summary>
    public string RemoteHealthcheckOverride => RemoteRoot.TrimEnd('/') + "/" + RemoteHealthcheckName;
}
