using Cake.FabulAWS.Aws.Query;
using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Aws.LoadBalancing;

/// <summary>ELBv2 (2015-12-01) target groups: health, registration, name to ARN.</summary>
internal sealed class TargetGroupAdapter(Func<QueryServiceClient> client, Func<string> region) : QueryAdapter(client, region)
{
    public async Task<IReadOnlyList<InstanceHealth>> GetHealthAsync(string arn, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            new QueryRequest("DescribeTargetHealth").Add("TargetGroupArn", arn).AddTargets(instanceIds.Count == 0 ? null : instanceIds),
            Resource(arn),
            cancellationToken).ConfigureAwait(false);
        return result.Members("TargetHealthDescriptions").Select(LoadBalancerHealth.FromTarget).ToList();
    }

    public Task RegisterAsync(string arn, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        CallAsync(new QueryRequest("RegisterTargets").Add("TargetGroupArn", arn).AddTargets(instanceIds), Resource(arn), cancellationToken);

    public Task DeregisterAsync(string arn, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken) =>
        CallAsync(new QueryRequest("DeregisterTargets").Add("TargetGroupArn", arn).AddTargets(instanceIds), Resource(arn), cancellationToken);

    public async Task<string> ResolveArnAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        var result = await CallAsync(new QueryRequest("DescribeTargetGroups").AddList("Names", [nameOrArn]), Resource(nameOrArn), cancellationToken).ConfigureAwait(false);
        return result.Members("TargetGroups").Select(g => g.Text("TargetGroupArn")).FirstOrDefault(arn => arn is not null)
            ?? throw new AwsOperationException(
                $"Target group '{nameOrArn}' not found in {Region}: DescribeTargetGroups answered without it. Check target_group in fabulaws-config.yml.",
                "DescribeTargetGroups",
                Resource(nameOrArn),
                null,
                null);
    }

    public async Task<LoadBalancerHealthCheck> GetHealthCheckAsync(string arn, CancellationToken cancellationToken)
    {
        var result = await CallAsync(new QueryRequest("DescribeTargetGroups").AddList("TargetGroupArns", [arn]), Resource(arn), cancellationToken).ConfigureAwait(false);
        var group = result.Members("TargetGroups").FirstOrDefault()
            ?? throw new AwsOperationException($"{Resource(arn)} not found in {Region}.", "DescribeTargetGroups", Resource(arn), null, null);
        var protocol = group.Text("HealthCheckProtocol") ?? "HTTP";
        return new LoadBalancerHealthCheck(
            protocol,
            protocol.StartsWith("HTTP", StringComparison.Ordinal) ? group.Text("HealthCheckPath") ?? "/" : null,
            group.Int("HealthCheckIntervalSeconds") ?? 30,
            group.Int("HealthyThresholdCount") ?? 5,
            group.Int("UnhealthyThresholdCount") ?? 2);
    }

    private static string Resource(string arn) => LoadBalancerRef.TargetGroup(arn).ToString();
}

/// <summary>The ELBv2 <c>Targets.member.N.Id</c> list.</summary>
internal static class Targets
{
    public static QueryRequest AddTargets(this QueryRequest request, IReadOnlyList<string>? instanceIds) =>
        request.AddStructures("Targets", instanceIds, (prefix, id, r) => r.Add(prefix + ".Id", id));
}
