using System.Net;
using System.Net.Sockets;
using Cake.Core;

namespace Cake.FabulAWS.IntegrationTests.Git;

/// <summary>The adapter's own behaviour: time-outs, ssh without prompts, tracked files.</summary>
public sealed class GitCommandLineTests
{
    public sealed class TheFetchAsyncMethod : IAsyncLifetime
    {
        private GitSandbox sandbox = null!;

        public async Task InitializeAsync() => sandbox = await GitSandbox.CreateAsync();

        public Task DisposeAsync()
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Should_Kill_A_Fetch_That_Hangs_And_Name_The_Command()
        {
            // Given a remote whose server accepts the connection and never answers
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await sandbox.GitAsync(sandbox.Work, "remote", "set-url", "origin", $"ssh://git@127.0.0.1:{port}/app.git");
            var accepted = listener.AcceptSocketAsync();

            // When
            var exception = await Record.ExceptionAsync(() => sandbox.Repository(fetchTimeout: TimeSpan.FromSeconds(1)).FetchAsync("origin", "main"));

            // Then the error names the command, and the ssh child was killed too: its connection is closed
            Assert.StartsWith(
                "`git fetch --no-tags --no-recurse-submodules -- origin +refs/heads/main:refs/remotes/origin/main` " +
                $"timed out after 1 s in {sandbox.Work} and was stopped.",
                Assert.IsType<CakeException>(exception).Message);
            using var connection = await accepted;
            Assert.Equal(0, await ReadUntilClosedAsync(connection));
        }

        [Fact]
        public async Task Should_Run_Ssh_In_Batch_Mode_So_It_Never_Prompts()
        {
            // Given an ssh on PATH that records how it was called
            var marker = Path.Combine(sandbox.Root, "ssh-args");
            var bin = Directory.CreateDirectory(Path.Combine(sandbox.Root, "bin")).FullName;
            WriteScript(Path.Combine(bin, "ssh"), $"echo \"$@\" > '{marker}'\necho 'Permission denied (publickey).' >&2\nexit 255");
            await sandbox.GitAsync(sandbox.Work, "remote", "set-url", "origin", "ssh://git@git.example.invalid/app.git");
            var repository = new Cake.FabulAWS.Git.GitCommandLine(new Cake.FabulAWS.Git.GitCommandLineOptions(sandbox.Work)
            {
                Environment = new Dictionary<string, string?>(sandbox.Environment)
                {
                    ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
                },
            });

            // When
            var exception = await Record.ExceptionAsync(() => repository.FetchAsync("origin", "main"));

            // Then
            Assert.StartsWith("-o BatchMode=yes ", File.ReadAllText(marker));
            var message = Assert.IsType<CakeException>(exception).Message;
            Assert.Contains("failed in", message);
            Assert.Contains("with exit code 128", message);
            Assert.Contains("Permission denied (publickey).", message);
            Assert.Contains("never prompts, so load the key into an agent first (ssh-add)", message);
        }

        [Fact]
        public async Task Should_Kill_The_Fetch_And_Report_Cancellation_When_Cancelled()
        {
            // Given a fetch that hangs, cancelled by the caller long before its own limit
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await sandbox.GitAsync(sandbox.Work, "remote", "set-url", "origin", $"ssh://git@127.0.0.1:{port}/app.git");
            var accepted = listener.AcceptSocketAsync();
            using var cancellation = new CancellationTokenSource();

            // When
            var fetch = sandbox.Repository().FetchAsync("origin", "main", cancellation.Token);
            using var connection = await accepted;
            await cancellation.CancelAsync();
            var exception = await Record.ExceptionAsync(() => fetch);

            // Then
            Assert.IsAssignableFrom<OperationCanceledException>(exception);
            Assert.Equal(0, await ReadUntilClosedAsync(connection));
        }

        [Fact]
        public async Task Should_Keep_The_Ssh_Command_Configured_In_Git()
        {
            // Given the checkout uses its own ssh command (a deploy key, say)
            var marker = Path.Combine(sandbox.Root, "custom-ssh-args");
            var customSsh = Path.Combine(sandbox.Root, "custom-ssh");
            WriteScript(customSsh, $"echo \"$@\" > '{marker}'\nexit 255");
            await sandbox.GitAsync(sandbox.Work, "config", "core.sshCommand", customSsh);
            await sandbox.GitAsync(sandbox.Work, "remote", "set-url", "origin", "ssh://git@git.example.invalid/app.git");

            // When
            var exception = await Record.ExceptionAsync(() => sandbox.Repository().FetchAsync("origin", "main"));

            // Then
            Assert.IsType<CakeException>(exception);
            Assert.DoesNotContain("BatchMode", File.ReadAllText(marker));
            Assert.Contains("git.example.invalid", File.ReadAllText(marker));
        }

        [Fact]
        public async Task Should_Name_Command_Exit_Code_And_Stderr_When_The_Remote_Is_Gone()
        {
            // Given
            var gone = Path.Combine(sandbox.Root, "gone.git");
            await sandbox.GitAsync(sandbox.Work, "remote", "set-url", "origin", gone);

            // When
            var exception = await Record.ExceptionAsync(() => sandbox.Repository().FetchAsync("origin", "main"));

            // Then
            var message = Assert.IsType<CakeException>(exception).Message;
            Assert.StartsWith(
                "`git fetch --no-tags --no-recurse-submodules -- origin +refs/heads/main:refs/remotes/origin/main` " +
                $"failed in {sandbox.Work} with exit code 128: ",
                message);
            Assert.Contains($"'{gone}' does not appear to be a git repository", message);
        }

        private static void WriteScript(string path, string body)
        {
            File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private static async Task<int> ReadUntilClosedAsync(Socket connection)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var buffer = new byte[256];
            int read;
            while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
            }

            return read;
        }
    }

    public sealed class TheIsTrackedAsyncMethod : IAsyncLifetime
    {
        private GitSandbox sandbox = null!;

        public async Task InitializeAsync() => sandbox = await GitSandbox.CreateAsync();

        public Task DisposeAsync()
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Should_Tell_Tracked_From_Untracked_Ignored_And_Outside_Files()
        {
            // Given
            await sandbox.CommitAsync(sandbox.Work, ".gitignore", "fabsecrets_*.yml\n");
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "fabsecrets_production.yml"), "password: x");
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "untracked.txt"), "x");
            var outside = Path.Combine(sandbox.Root, "outside.txt");
            await File.WriteAllTextAsync(outside, "x");
            var repository = sandbox.Repository();

            // When
            var readme = await repository.IsTrackedAsync("README.md");
            var readmeByFullPath = await repository.IsTrackedAsync(Path.Combine(sandbox.Work, "README.md"));
            var ignored = await repository.IsTrackedAsync("fabsecrets_production.yml");
            var untracked = await repository.IsTrackedAsync("untracked.txt");
            var outsideRepository = await repository.IsTrackedAsync(outside);

            // Then
            Assert.Equal((true, true, false, false, false), (readme, readmeByFullPath, ignored, untracked, outsideRepository));
        }

        [Fact]
        public async Task Should_Take_A_File_Name_Literally_Not_As_A_Pattern()
        {
            // Given a committed secrets file, and a question about a name that would match it as a glob
            await sandbox.CommitAsync(sandbox.Work, "fabsecrets_production.yml", "password: x");

            // When
            var literal = await sandbox.Repository().IsTrackedAsync("fabsecrets_production.yml");
            var pattern = await sandbox.Repository().IsTrackedAsync("fabsecrets_*.yml");

            // Then
            Assert.True(literal);
            Assert.False(pattern);
        }
    }

    public sealed class TheArchiveAndRemoteUrlMethods : IAsyncLifetime
    {
        private GitSandbox sandbox = null!;

        public async Task InitializeAsync() => sandbox = await GitSandbox.CreateAsync();

        public Task DisposeAsync()
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        }

        [Fact]
        public async Task Should_Archive_Exactly_The_Files_Of_The_Commit()
        {
            // Given: a committed file, then an uncommitted change and an untracked file
            var commit = await sandbox.CommitAsync(sandbox.Work, "www.html", "committed");
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "www.html"), "not committed");
            await File.WriteAllTextAsync(Path.Combine(sandbox.Work, "untracked.txt"), "x");

            // When
            var tar = await sandbox.Repository().ArchiveAsync(commit);

            // Then
            var extracted = Directory.CreateDirectory(Path.Combine(sandbox.Root, "extracted")).FullName;
            await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(new MemoryStream(tar), extracted, overwriteFiles: false);
            Assert.Equal("committed", await File.ReadAllTextAsync(Path.Combine(extracted, "www.html")));
            Assert.False(File.Exists(Path.Combine(extracted, "untracked.txt")));
        }

        [Fact]
        public async Task Should_Refuse_What_Is_Not_A_Commit_Id()
        {
            // When
            var error = await Record.ExceptionAsync(() => sandbox.Repository().ArchiveAsync("--output=/tmp/x"));

            // Then
            Assert.IsType<Cake.Core.CakeException>(error);
        }

        [Fact]
        public async Task Should_Give_The_Url_Of_A_Remote_And_Null_For_None()
        {
            // When
            var origin = await sandbox.Repository().GetRemoteUrlAsync("origin");
            var none = await sandbox.Repository().GetRemoteUrlAsync("upstream");

            // Then
            Assert.Equal(sandbox.Remote, origin);
            Assert.Null(none);
        }
    }
}
