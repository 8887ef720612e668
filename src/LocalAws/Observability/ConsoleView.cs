using System.Text;

namespace LocalAws.Observability;

/// <summary>A plain-text picture of the state: groups with their instances, load balancers with their backends, request counts.</summary>
public static class ConsoleView
{
    /// <summary>Renders the current state.</summary>
    /// <param name="server">The server.</param>
    /// <returns>Several lines of text.</returns>
    public static string Render(LocalAwsServer server)
    {
        var text = new StringBuilder();
        text.AppendLine($"LocalAws {server.Endpoint}  {DateTime.UtcNow:HH:mm:ss}Z");
        server.Inspect(state =>
        {
            foreach (var g in state.Groups.Values)
            {
                var suspended = g.SuspendedProcesses.Count == 0 ? "-" : string.Join(",", g.SuspendedProcesses.Keys);
                var source = g.LaunchConfigurationName ?? $"{g.LaunchTemplate?.Name}:{g.LaunchTemplate?.Version}";
                text.AppendLine($"group {g.Name}  min {g.MinSize} max {g.MaxSize} desired {g.DesiredCapacity}  {source}  health {g.HealthCheckType}  suspended {suspended}");
                foreach (var m in g.Members)
                {
                    var i = state.Instances.GetValueOrDefault(m.InstanceId);
                    var from = m.LaunchConfigurationName ?? $"{m.LaunchTemplate?.Name}:v{m.LaunchTemplate?.Version}";
                    text.AppendLine($"  {m.InstanceId}  {i?.Address,-15}  {m.Lifecycle,-15} {m.Health,-9} {from,-16} ec2 {i?.State} host {i?.Host}{(m.SkipLoadBalancers ? "  (not in LB)" : string.Empty)}");
                }
            }

            foreach (var lb in state.LoadBalancers.Values)
            {
                text.AppendLine($"elb {lb.Name}  http://{lb.Address}:{server.Options.LoadBalancerHttpPort}/  check {lb.HealthCheck.Target}");
                foreach (var (id, h) in lb.Instances)
                {
                    text.AppendLine($"  {id}  {h.State,-12} {h.Description}");
                }
            }

            foreach (var tg in state.TargetGroups.Values)
            {
                text.AppendLine($"target group {tg.Name}  http://{tg.Address}:{server.Options.LoadBalancerHttpPort}/");
                foreach (var (id, h) in tg.Targets)
                {
                    text.AppendLine($"  {id}  {h.State,-12} {h.Reason}");
                }
            }

            return 0;
        });
        var counts = server.Metrics.RequestCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}");
        text.AppendLine("requests: " + string.Join(", ", counts));
        return text.ToString();
    }
}
