using Cake.Core.Diagnostics;

namespace Cake.FabulAWS.Tests.Remote;

/// <summary>A Cake log that keeps every line written.</summary>
internal sealed class CapturingLog : ICakeLog
{
    private TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Lines { get; } = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        lock (Lines)
        {
            Lines.Add(args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
            var done = written;
            written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.TrySetResult();
        }
    }

    /// <summary>Waits until a line written from another thread matches.</summary>
    public async Task WaitForAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            Task next;
            lock (Lines)
            {
                if (Lines.Any(match))
                {
                    return;
                }

                next = written.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"No such line was logged:\n{string.Join('\n', Lines)}");
            }
        }
    }
}
