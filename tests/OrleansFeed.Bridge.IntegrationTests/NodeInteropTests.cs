using System.Diagnostics;
using System.Text.Json;
using OrleansFeed.TestKit.Nats;
using static OrleansFeed.Bridge.IntegrationTests.NatsTestHelpers;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>Verifies wire compatibility with the official Node client (nats@2.29.3): headers both ways.</summary>
[Collection(NatsCollection.Name)]
public sealed class NodeInteropTests(NatsServerFixture server)
{
    // Installed once per machine; reused by later runs so the suite stays fast.
    private static readonly string InteropDir = Path.Combine(Path.GetTempPath(), "orleansfeed-nats-interop-2.29.3");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    [Fact]
    public async Task NodePublishesWithHeaders_OurClientReceivesThem()
    {
        if (server.SkipReason is not null || await PrepareAsync() is not { } dir) { return; }
        using var cts = Timeout(30);
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.interop.in.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync<ReadOnlyMemory<byte>>(subject, cancellationToken: cts.Token);
        await nats.PingAsync(cts.Token);

        var (exit, _) = await RunNodeAsync(dir, ["pub", server.Url, subject, "3"], null, cts.Token);
        exit.Should().Be(0);

        for (var i = 0; i < 3; i++)
        {
            var msg = await sub.Msgs.ReadAsync(cts.Token);
            Text(msg.Data).Should().Be($"node-{i}");
            msg.Headers!["X-From"].ToString().Should().Be("node");
            msg.Headers["X-Index"].ToString().Should().Be(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task OurClientPublishesWithHeaders_NodeReceivesThem()
    {
        if (server.SkipReason is not null || await PrepareAsync() is not { } dir) { return; }
        using var cts = Timeout(30);
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.interop.out.{server.NextId()}";
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = RunNodeAsync(dir, ["sub", server.Url, subject, "2"], ready, cts.Token);
        await ready.Task.WaitAsync(cts.Token);

        await nats.PublishAsync(subject, Bytes("dotnet-0"), new NatsHeaders { { "X-From", "dotnet" } }, cancellationToken: cts.Token);
        await nats.PublishAsync(subject, Bytes("dotnet-1"), cancellationToken: cts.Token);
        var (exit, lines) = await node;

        exit.Should().Be(0);
        var received = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        received.Should().HaveCount(2);
        received[0].GetProperty("data").GetString().Should().Be("dotnet-0");
        received[0].GetProperty("headers").GetProperty("X-From")[0].GetString().Should().Be("dotnet");
        received[1].GetProperty("data").GetString().Should().Be("dotnet-1");
    }

    /// <summary>Returns the interop dir with nats@2.29.3 installed, or null (skip) when node/npm is missing outside CI.</summary>
    private static async Task<string?> PrepareAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "interop");
        await InstallLock.WaitAsync();
        try
        {
            Directory.CreateDirectory(InteropDir);
            File.Copy(Path.Combine(source, "interop.mjs"), Path.Combine(InteropDir, "interop.mjs"), overwrite: true);
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(InteropDir, "package.json"), overwrite: true);
            if (File.Exists(Path.Combine(InteropDir, "node_modules", "nats", "package.json")))
            {
                return InteropDir;
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            int exit;
            try
            {
                (exit, _) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--silent"], InteropDir, null, cts.Token);
            }
            catch (System.ComponentModel.Win32Exception) when (!IsCi)
            {
                return null; // npm not installed: skip locally.
            }

            if (exit != 0)
            {
                throw new InvalidOperationException($"npm install nats@2.29.3 failed in {InteropDir}: exit={exit}");
            }

            return InteropDir;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static Task<(int Exit, List<string> Lines)> RunNodeAsync(string dir, string[] args, TaskCompletionSource? ready, CancellationToken cancellationToken) =>
        RunAsync("node", ["interop.mjs", .. args], dir, ready, cancellationToken);

    private static async Task<(int Exit, List<string> Lines)> RunAsync(string file, string[] args, string dir, TaskCompletionSource? ready, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var lines = new List<string>();
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.Add(line);
                if (line == "READY")
                {
                    ready?.TrySetResult();
                }
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, lines);
    }
}
