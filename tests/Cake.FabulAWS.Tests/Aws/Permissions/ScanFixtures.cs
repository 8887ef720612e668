using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Cake.Core.Annotations;
using Cake.FabulAWS.Aws.Query;

// Code the action scan is tested on: each way the add-in's adapters send an action, and ways it must refuse to guess.
// Compiled, never run.
namespace Cake.FabulAWS.Tests.Aws.Permissions.ScanFixtures;

internal interface IFixturePort
{
    Task SendAsync();
}

internal sealed class FixtureAdapter : IFixturePort
{
    public Task SendAsync() => Send(new QueryRequest("ThroughAnInterface"));

    public Task HelperAsync(string group) => ChangeAsync("ThroughAHelper", group);

    public Task AsyncHelperAsync() => EndAsync("ThroughAnAsyncHelper");

    public Task TargetTyped()
    {
        QueryRequest request = new("TargetTyped");
        return Send(request);
    }

    public Task NeverCalled() => Send(new QueryRequest("NeverReached"));

    public Task Forward(string name) => ChangeAsync(name + "Instances", "group");

    private static Task Send(QueryRequest request) => Task.FromResult(request);

    private Task ChangeAsync(string action, string group) => Send(new QueryRequest(action).Add("AutoScalingGroupName", group));

    private async Task EndAsync(string action)
    {
        await Task.Yield();
        await Send(new QueryRequest(action));
    }
}

internal static class FixtureAliases
{
    [CakeMethodAlias]
    public static async Task RunAsync(IFixturePort port, FixtureAdapter adapter, IAmazonEC2 ec2)
    {
        await port.SendAsync();
        await adapter.HelperAsync("group");
        await adapter.AsyncHelperAsync();
        await adapter.TargetTyped();
        await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());
    }
}

internal static class Unresolvable
{
    public static QueryRequest FromALocal(string prefix)
    {
        var action = prefix + "Instances";
        return new QueryRequest(action);
    }

    public static QueryRequest FromAChoice(bool describe) => new(describe ? "DescribeTags" : "DeleteTags");

    public static object Paginated(IAmazonEC2 ec2) => ec2.Paginators.DescribeInstances(new DescribeInstancesRequest());

    public static Task OtherClient(IAmazonSecurityTokenService sts) => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
}
