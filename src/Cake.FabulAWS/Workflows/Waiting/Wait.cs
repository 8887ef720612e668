namespace Cake.FabulAWS.Workflows.Waiting;

/// <summary>
/// A condition to wait for: what is observed each poll, when it is done, and how long it may take. The observed
/// value is described in progress lines and in the error when the deadline passes, so a timeout says what it saw.
/// </summary>
/// <typeparam name="T">What one poll observes.</typeparam>
/// <param name="What">What is waited for, as a phrase: "2 new instances InService and healthy in web-lb".</param>
/// <param name="Deadline">How long the wait may take.</param>
/// <param name="Observe">Reads the state once.</param>
/// <param name="Done">Tells whether the observed state is the one waited for.</param>
internal sealed record Wait<T>(string What, TimeSpan Deadline, Func<CancellationToken, Task<T>> Observe, Func<T, bool> Done)
{
    /// <summary>Gets how an observed state is described; <c>ToString</c> by default.</summary>
    public Func<T, string> Describe { get; init; } = value => value?.ToString() ?? "nothing";

    /// <summary>Gets a check that ends the wait at once with its reason (a launch that failed, an instance reported unhealthy).</summary>
    public Func<T, string?>? FailFast { get; init; }

    /// <summary>Gets the time between polls.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the setting that holds the deadline, named in the timeout error, such as <c>timeouts.instance_healthy</c>.</summary>
    public string? DeadlineSetting { get; init; }
}
