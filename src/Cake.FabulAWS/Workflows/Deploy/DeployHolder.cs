namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>Who runs a deploy, as the records name them: the CI run's URL when there is one, else user@host.</summary>
internal static class DeployHolder
{
    public static string Describe(Func<string, string?> variables)
    {
        if (variables("GITHUB_SERVER_URL") is { Length: > 0 } server && variables("GITHUB_REPOSITORY") is { Length: > 0 } repository && variables("GITHUB_RUN_ID") is { Length: > 0 } run)
        {
            return $"{server}/{repository}/actions/runs/{run}";
        }

        if (variables("CI_JOB_URL") is { Length: > 0 } gitlab)
        {
            return gitlab;
        }

        if (variables("BUILD_URL") is { Length: > 0 } jenkins)
        {
            return jenkins;
        }

        return $"{variables("USER") ?? variables("USERNAME") ?? System.Environment.UserName}@{System.Environment.MachineName}";
    }
}
