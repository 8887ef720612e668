using System.Xml.Linq;
using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.LoadBalancing;

/// <summary>Maps ELB's InstanceState and ELBv2's TargetHealthDescription onto <see cref="BackendHealth"/>.</summary>
internal static class LoadBalancerHealth
{
    public static InstanceHealth FromClassic(XElement state)
    {
        var raw = state.Required("State");
        var description = state.Text("Description");
        var health = raw switch
        {
            "InService" => BackendHealth.Healthy,
            "Unknown" => BackendHealth.Registering,
            "OutOfService" when Mentions(description, "not currently registered") => BackendHealth.NotRegistered,
            "OutOfService" when Mentions(description, "registration is still in progress") || Mentions(description, "pending") => BackendHealth.Registering,
            "OutOfService" => BackendHealth.Unhealthy,
            _ => BackendHealth.Unknown,
        };
        return new InstanceHealth(state.Required("InstanceId"), health, raw, Reason(description, state.Text("ReasonCode")));
    }

    public static InstanceHealth FromTarget(XElement description)
    {
        var target = description.Element("TargetHealth");
        var raw = target.Text("State") ?? string.Empty;
        var health = raw switch
        {
            "healthy" => BackendHealth.Healthy,
            "initial" => BackendHealth.Registering,
            "draining" => BackendHealth.Draining,
            "unused" => BackendHealth.NotRegistered,
            _ when raw.StartsWith("unhealthy", StringComparison.Ordinal) => BackendHealth.Unhealthy,
            _ => BackendHealth.Unknown,
        };
        return new InstanceHealth(description.Element("Target").Text("Id") ?? string.Empty, health, raw, Reason(target.Text("Description"), target.Text("Reason")));
    }

    private static bool Mentions(string? text, string phrase) => text?.Contains(phrase, StringComparison.OrdinalIgnoreCase) == true;

    private static string? Reason(string? description, string? code) => description is { Length: > 0 } && code is { Length: > 0 } && code != "N/A"
        ? $"{code}: {description}"
        : description is { Length: > 0 } && description != "N/A" ? description : code is "N/A" ? null : code;
}
