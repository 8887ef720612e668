using System.Text.Json;
using LocalAws.Api;

namespace LocalAws.Cli;

/// <summary>
/// Applies a seed file: a JSON list of API calls run at start, e.g.
/// <c>{"Service": "autoscaling", "Action": "CreateAutoScalingGroup", "Parameters": {"AutoScalingGroupName": "web", ...}}</c>.
/// Service "localaws" with Action "CreateImageFromDirectory" (Name, Directory, optional ImageId) makes an image from files.
/// Values may use ${BaseImageId} and ${Image:NAME}.
/// </summary>
internal static class Seeder
{
    public static void Apply(LocalAwsServer server, string file)
    {
        var images = new Dictionary<string, string>(StringComparer.Ordinal) { ["BaseImageId"] = server.BaseImageId };
        using var document = Parse(file);
        var index = 0;
        foreach (var call in document.RootElement.EnumerateArray())
        {
            index++;
            var service = call.GetProperty("Service").GetString() ?? string.Empty;
            var action = call.GetProperty("Action").GetString() ?? string.Empty;
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["Action"] = action };
            if (call.TryGetProperty("Parameters", out var p))
            {
                foreach (var property in p.EnumerateObject())
                {
                    parameters[property.Name] = Substitute(property.Value.ToString(), images);
                }
            }

            try
            {
                if (service == "localaws" && action == "CreateImageFromDirectory")
                {
                    var directory = Path.GetFullPath(parameters["Directory"], Path.GetDirectoryName(Path.GetFullPath(file))!);
                    images["Image:" + parameters["Name"]] = server.CreateImageFromDirectory(parameters["Name"], directory, parameters.GetValueOrDefault("ImageId"));
                    continue;
                }

                var api = server.Services.FirstOrDefault(s => s.Name == service)
                    ?? throw new AwsException("InvalidAction", $"unknown service '{service}' (ec2, autoscaling, elb, elbv2, localaws)");
                api.Invoke(new QueryRequest(parameters, api.IsEc2), "seed");
            }
            catch (Exception e) when (e is AwsException or KeyNotFoundException)
            {
                throw new InvalidOperationException($"Seed file {file}, call {index} ({service} {action}): {e.Message}", e);
            }
        }
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Seed file {file} is not a JSON list of calls ({e.Message}). See src/LocalAws/seed.example.json.", e);
        }
    }

    private static string Substitute(string value, Dictionary<string, string> images)
    {
        foreach (var (key, id) in images)
        {
            value = value.Replace("${" + key + "}", id, StringComparison.Ordinal);
        }

        return value;
    }
}
