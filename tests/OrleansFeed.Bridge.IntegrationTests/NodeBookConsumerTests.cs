using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// A consumer written in Node with the official <c>nats</c> client, only from docs/nats-bridge.md, keeps a book equal
/// to the silo's through a whole playback: the subject/payload contract works for any language.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class NodeBookConsumerTests(NatsServerFixture server)
{
    // The same install folder as NodeInteropTests (nats@2.29.3), shared per machine.
    private static readonly string InteropDir = Path.Combine(Path.GetTempPath(), "orleansfeed-nats-interop-2.29.3");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    [Fact]
    public async Task NodeConsumer_FollowingTheDocumentedRecipe_KeepsBookEqualToSilo()
    {
        if (server.SkipReason is not null || await PrepareAsync() is not { } dir) { return; }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var prefix = $"t{server.NextId()}.md.v1";
        await using var silo = await BridgedSilo.StartAsync(server.Url, prefix, cts.Token, frameDelay: TimeSpan.FromMilliseconds(2));
        var symbol = silo.Symbols.OrderBy(s => s, StringComparer.Ordinal).First();
        await BridgedSilo.WaitUntilAsync(() => silo.Status.Snapshot().Connected, "bridge connected", cts.Token);

        var info = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "book-consumer.mjs", server.Url, prefix, BridgedSilo.Venue, symbol })
        {
            info.ArgumentList.Add(arg);
        }

        using var node = Process.Start(info)!;
        node.ErrorDataReceived += (_, _) => { };
        node.BeginErrorReadLine();
        try
        {
            (await ReadLineAsync(node, cts.Token)).Should().Be("READY");
            await silo.PlayWhenBridgeReadyAsync(cts.Token);
            await silo.WaitForPlaybackAndSyncAsync(cts.Token);

            while (true)
            {
                var expected = await silo.Grain(symbol).GetSnapshotAsync(int.MaxValue);
                await node.StandardInput.WriteLineAsync($"DUMP {expected.Sequence}".AsMemory(), cts.Token);
                await node.StandardInput.FlushAsync(cts.Token);
                using var dump = JsonDocument.Parse(await ReadLineAsync(node, cts.Token));
                var root = dump.RootElement;
                if (root.GetProperty("sequence").GetInt64() != expected.Sequence)
                {
                    continue; // The silo moved on: compare at its new sequence.
                }

                root.GetProperty("epoch").GetInt64().Should().Be(expected.Epoch);
                Levels(root.GetProperty("bids"), descending: true).Should().Equal(expected.Bids, "node bids");
                Levels(root.GetProperty("asks"), descending: false).Should().Equal(expected.Asks, "node asks");
                break;
            }

            await node.StandardInput.WriteLineAsync("EXIT".AsMemory(), cts.Token);
            await node.StandardInput.FlushAsync(cts.Token);
            node.StandardInput.Close();
            await node.WaitForExitAsync(cts.Token);
            node.ExitCode.Should().Be(0);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    private static List<BookLevel> Levels(JsonElement side, bool descending)
    {
        var levels = side.EnumerateArray().Select(l => new BookLevel(FixedDecimal.Parse(l[0].GetString()!), FixedDecimal.Parse(l[1].GetString()!)));
        return descending ? [.. levels.OrderByDescending(l => l.Price)] : [.. levels.OrderBy(l => l.Price)];
    }

    private static async Task<string> ReadLineAsync(Process node, CancellationToken cancellationToken) =>
        await node.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("node exited before answering");

    /// <summary>The interop dir with nats@2.29.3 installed, or null (skip) when node/npm is missing outside CI.</summary>
    private static async Task<string?> PrepareAsync()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "interop");
        await InstallLock.WaitAsync();
        try
        {
            Directory.CreateDirectory(InteropDir);
            File.Copy(Path.Combine(source, "book-consumer.mjs"), Path.Combine(InteropDir, "book-consumer.mjs"), overwrite: true);
            if (File.Exists(Path.Combine(InteropDir, "node_modules", "nats", "package.json")))
            {
                return InteropDir;
            }

            File.Copy(Path.Combine(source, "package.json"), Path.Combine(InteropDir, "package.json"), overwrite: true);
            var install = new ProcessStartInfo("npm") { WorkingDirectory = InteropDir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "install", "--no-audit", "--no-fund", "--silent" })
            {
                install.ArgumentList.Add(arg);
            }

            try
            {
                using var npm = Process.Start(install)!;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await npm.WaitForExitAsync(timeout.Token);
                return npm.ExitCode == 0 ? InteropDir : throw new InvalidOperationException($"npm install failed in {InteropDir}: exit={npm.ExitCode}");
            }
            catch (System.ComponentModel.Win32Exception) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                return null; // npm not installed: skip locally.
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
