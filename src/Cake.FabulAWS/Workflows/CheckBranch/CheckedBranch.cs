namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>A checkout that passed the branch check.</summary>
/// <param name="Branch">The branch that is checked out.</param>
/// <param name="Commit">The full commit id of HEAD, equal to the remote branch.</param>
internal sealed record CheckedBranch(string Branch, string Commit);
