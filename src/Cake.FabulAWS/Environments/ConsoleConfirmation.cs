using Cake.FabulAWS.Ports;

namespace Cake.FabulAWS.Environments;

/// <summary>The terminal: interactive when both input and output are a terminal and no CI variable is set.</summary>
/// <param name="variables">Reads environment variables.</param>
internal sealed class ConsoleConfirmation(Func<string, string?> variables) : IConfirmation
{
    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected && string.IsNullOrEmpty(variables("CI"));

    public string? Ask(string question)
    {
        Console.Write(question);
        return Console.ReadLine();
    }
}
