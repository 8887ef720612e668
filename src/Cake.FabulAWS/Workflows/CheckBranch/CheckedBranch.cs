namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>A checkout that passed the branch check: what a deploy of it deploys.</summary>
/// <param name="Branch">The branch that is checked out.</param>
/// <param name="Commit">The full commit id of HEAD, equal to the remote branch.</param>
public sealed record CheckedBranch(string Branch, string Commit);
