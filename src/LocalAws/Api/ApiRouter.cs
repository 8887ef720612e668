using LocalAws.Faults;
using Microsoft.AspNetCore.Http;

namespace LocalAws.Api;

/// <summary>
/// The single API endpoint: reads the form, picks the service from the SigV4 credential scope (or the
/// Version), applies the API faults (holding a call mid-flight when asked), counts the request, and answers XML
/// in the service's shape.
/// Signatures are not verified; any credentials are accepted.
/// </summary>
internal sealed class ApiRouter(Cloud cloud, IReadOnlyList<ServiceApi> services)
{
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            values[key] = value.Count > 0 ? value[^1] ?? string.Empty : string.Empty;
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))
            {
                values[key] = value.Count > 0 ? value[^1] ?? string.Empty : string.Empty; // a repeated key: the last wins
            }
        }

        var service = Resolve(context.Request.Headers.Authorization.ToString(), values.GetValueOrDefault("Version"));
        var request = new QueryRequest(values, service?.IsEc2 ?? false);
        cloud.Metrics.CountRequest(service?.Name ?? "unknown", request.Action);
        using var hold = service is null ? null : cloud.Faults.TakeHold(request.Action);
        if (hold is { Mode: HoldMode.Drop })
        {
            await hold.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            hold.Dispose();
            context.Abort(); // never applied, never answered: the client sees its connection close
            return;
        }

        var (status, body) = await AnswerAsync(service, request, requestId).ConfigureAwait(false);
        if (hold is not null)
        {
            var released = await hold.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            hold.Dispose();
            if (!released)
            {
                return; // applied; the client went away before the answer
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Status, string Body)> AnswerAsync(ServiceApi? service, QueryRequest request, string requestId)
    {
        try
        {
            if (service is null)
            {
                throw new AwsException("InvalidAction", $"LocalAws cannot tell which service '{request.Action}' (Version {request.Get("Version") ?? "missing"}) is for: it serves ec2, autoscaling and elasticloadbalancing (2012-06-01, 2015-12-01).");
            }

            await InjectFaultsAsync(service).ConfigureAwait(false);
            return (200, service.Invoke(request, requestId));
        }
        catch (AwsException e)
        {
            return (e.Status, service?.Error(e, requestId) ?? ServiceApi.Render(false, e, requestId));
        }
        catch (Exception e)
        {
            var error = new AwsException(service?.IsEc2 == true ? "InternalError" : "InternalFailure", $"LocalAws failed on {request.Action}: {e.Message}", 500);
            await Console.Error.WriteLineAsync($"LocalAws {request.Action}: {e}").ConfigureAwait(false);
            return (500, service?.Error(error, requestId) ?? ServiceApi.Render(false, error, requestId));
        }
    }

    private async Task InjectFaultsAsync(ServiceApi service)
    {
        var faults = cloud.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency).ConfigureAwait(false);
        }

        if (faults.ThrottleRate > 0 && cloud.NextDouble() < faults.ThrottleRate)
        {
            throw service.IsEc2
                ? new AwsException("RequestLimitExceeded", "Request limit exceeded.")
                : new AwsException("Throttling", "Rate exceeded");
        }

        if (faults.ServerErrorRate > 0 && cloud.NextDouble() < faults.ServerErrorRate)
        {
            throw new AwsException(service.IsEc2 ? "InternalError" : "InternalFailure", "LocalAws fault: an internal error (injected).", 500);
        }
    }

    private ServiceApi? Resolve(string authorization, string? version)
    {
        var scope = authorization.Split("Credential=", 2);
        var signingName = scope.Length == 2 ? scope[1].Split(',')[0].Split('/') is { Length: >= 5 } parts ? parts[3] : null : null;
        return signingName switch
        {
            "ec2" => Find("ec2"),
            "autoscaling" => Find("autoscaling"),
            "elasticloadbalancing" => Find(version == "2015-12-01" ? "elbv2" : "elb"),
            _ => services.FirstOrDefault(s => s.ApiVersion == version),
        };
    }

    private ServiceApi? Find(string name) => services.FirstOrDefault(s => s.Name == name);
}
