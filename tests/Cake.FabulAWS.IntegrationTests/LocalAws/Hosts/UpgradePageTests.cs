using System.Net;
using Cake.FabulAWS.IntegrationTests.LocalAws.Support;
using LocalAws;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Hosts;

/// <summary>
/// The instance web server's nginx-like rule, seen directly and through the load balancer endpoint: files of
/// ~/services/nginx/html win; while upgrade_message.html is there, everything else gets 503 with it; else ~/www.
/// </summary>
public sealed class UpgradePageTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LocalAwsServer aws = null!;
    private QueryClient api = null!;
    private string app = string.Empty;

    public async Task InitializeAsync()
    {
        aws = await LocalAwsServer.StartAsync(Deployments.FastOptions());
        api = new QueryClient(aws.Endpoint);
        app = Deployments.AppDirectory("<h1>app v1</h1>");
        await Deployments.CreateTemplateAsync(api, "web", aws.CreateImageFromDirectory("app-v1", app));
        await Deployments.CreateLoadBalancerAsync(api, "web");
        await Deployments.CreateGroupAsync(api, "web", 2, "web");
        await Deployments.WaitInServiceAsync(aws, "web", 2, "web");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        api.Dispose();
        await aws.DisposeAsync();
        Directory.Delete(app, recursive: true);
    }

    private async Task<(HttpStatusCode Status, string Body, string? Instance)> GetAsync(Uri root, string path)
    {
        using var response = await http.GetAsync(new Uri(root, path));
        var instance = response.Headers.TryGetValues("X-LocalAws-Instance", out var values) ? values.Single() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), instance);
    }

    private void PutUpgradePage(string instanceId, bool withHealthcheckOverride = true)
    {
        var overrides = Path.Combine(aws.Inspect(s => s.Instances[instanceId].HomeDirectory!), "services", "nginx", "html");
        Directory.CreateDirectory(overrides);
        File.WriteAllText(Path.Combine(overrides, "upgrade_message.html"), "<h1>Upgrading</h1>");
        if (withHealthcheckOverride)
        {
            File.WriteAllText(Path.Combine(overrides, "healthcheck.html"), "OK (override)");
        }
    }

    [Fact]
    public async Task Should_Serve_Static_Files_And_404_Directly_From_The_Instance()
    {
        // Given
        var instance = Deployments.Members(aws, "web")[0];

        // When
        var index = await GetAsync(aws.InstanceUri(instance), "/");
        var missing = await GetAsync(aws.InstanceUri(instance), "/nope.html");
        var escape = await GetAsync(aws.InstanceUri(instance), "/../authorized_keys");

        // Then
        Assert.Equal((HttpStatusCode.OK, "<h1>app v1</h1>", instance), index);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(HttpStatusCode.NotFound, escape.Status);
    }

    [Fact]
    public async Task Should_Answer_503_With_The_Upgrade_Page_Except_The_Health_Check_Override()
    {
        // Given
        var instance = Deployments.Members(aws, "web")[0];
        PutUpgradePage(instance);

        // When
        var index = await GetAsync(aws.InstanceUri(instance), "/");
        var other = await GetAsync(aws.InstanceUri(instance), "/nope.html");
        var health = await GetAsync(aws.InstanceUri(instance), "/healthcheck.html");

        // Then
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "<h1>Upgrading</h1>"), (index.Status, index.Body));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "<h1>Upgrading</h1>"), (other.Status, other.Body));
        Assert.Equal((HttpStatusCode.OK, "OK (override)"), (health.Status, health.Body));
    }

    [Fact]
    public async Task Should_Answer_The_Health_Check_With_503_Too_Without_The_Override()
    {
        // Given: FabulAWS's begin_upgrade(stay_healthy=False) puts only the upgrade page up
        var instance = Deployments.Members(aws, "web")[0];
        PutUpgradePage(instance, withHealthcheckOverride: false);

        // When
        var health = await GetAsync(aws.InstanceUri(instance), "/healthcheck.html");

        // Then
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "<h1>Upgrading</h1>"), (health.Status, health.Body));
    }

    [Fact]
    public async Task Should_Serve_The_Application_Again_Once_The_Deploy_Pages_Are_Gone()
    {
        // Given
        var instance = Deployments.Members(aws, "web")[0];
        PutUpgradePage(instance);
        var overrides = Path.Combine(aws.Inspect(s => s.Instances[instance].HomeDirectory!), "services", "nginx", "html");
        File.Delete(Path.Combine(overrides, "upgrade_message.html"));
        File.Delete(Path.Combine(overrides, "healthcheck.html"));

        // When
        var index = await GetAsync(aws.InstanceUri(instance), "/");
        var health = await GetAsync(aws.InstanceUri(instance), "/healthcheck.html");

        // Then: the application's own files, which the deploy pages never replaced
        Assert.Equal((HttpStatusCode.OK, "<h1>app v1</h1>"), (index.Status, index.Body));
        Assert.Equal((HttpStatusCode.OK, "OK"), (health.Status, health.Body));
    }

    [Fact]
    public async Task Should_Show_Users_The_Upgrade_Page_Through_The_Load_Balancer_While_Instances_Stay_In_Service()
    {
        // Given
        foreach (var instance in Deployments.Members(aws, "web"))
        {
            PutUpgradePage(instance);
        }

        // When
        var answers = new List<(HttpStatusCode, string, string?)>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await GetAsync(aws.LoadBalancerUri("web"), "/"));
        }

        await aws.TickAsync();

        // Then
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.ServiceUnavailable, "<h1>Upgrading</h1>"), (a.Item1, a.Item2)));
        Assert.Equal(Deployments.Members(aws, "web").Order(), answers.Select(a => a.Item3!).Distinct().Order());
        Assert.Equal(2, aws.Inspect(s => s.LoadBalancers["web"].Instances.Values.Count(h => h.State == "InService")));
    }

    [Fact]
    public async Task Should_Answer_503_From_The_Load_Balancer_When_No_Instance_Is_Healthy()
    {
        // Given
        foreach (var instance in Deployments.Members(aws, "web"))
        {
            File.Delete(Path.Combine(aws.Inspect(s => s.Instances[instance].HomeDirectory!), "www", "healthcheck.html"));
        }

        await api.CallAsync("autoscaling", "SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "ReplaceUnhealthy"));
        await aws.WaitUntilAsync(s => s.LoadBalancers["web"].Instances.Values.All(h => h.State == "OutOfService"), TimeSpan.FromSeconds(20), "all out of service");

        // When
        var answer = await GetAsync(aws.LoadBalancerUri("web"), "/");

        // Then
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Contains("load balancer web has no healthy instances", answer.Body);
    }
}
