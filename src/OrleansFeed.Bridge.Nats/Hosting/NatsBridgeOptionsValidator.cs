using Microsoft.Extensions.Options;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>Validates <see cref="NatsBridgeOptions"/> at start; each message names the section key and the allowed range.</summary>
public sealed class NatsBridgeOptionsValidator : IValidateOptions<NatsBridgeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NatsBridgeOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        void Require(bool ok, string key, string range)
        {
            if (!ok)
            {
                problems.Add($"Nats:{key}: allowed {range}.");
            }
        }

        Require(Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) && uri.Scheme is "nats" or "tls", "Url", "an absolute nats:// or tls:// URL");
        Require(IsPrefix(options.SubjectPrefix), "SubjectPrefix", "dot-separated tokens of letters, digits, '-' and '_' (e.g. md.v1)");
        Require(options.QueueCapacity is >= 1 and <= 16_777_216, "QueueCapacity", "1..16777216");
        Require(options.StreamCapacity is >= 1 and <= 16_777_216, "StreamCapacity", "1..16777216");
        Require(options.ReconnectBufferBytes is >= 0 and <= 1 << 30, "ReconnectBufferBytes", "0..1073741824");
        Require(options.SnapshotDepth is >= 1 and <= 5000, "SnapshotDepth", "1..5000");
        Require(!string.IsNullOrWhiteSpace(options.ResponderQueueGroup) && !options.ResponderQueueGroup.Contains(' ', StringComparison.Ordinal), "ResponderQueueGroup", "a non-empty name without spaces");
        Require(options.ConnectRetryDelay > TimeSpan.Zero, "ConnectRetryDelay", "> 0");
        foreach (var (key, path) in new[] { ("PasswordFile", options.PasswordFile), ("TokenFile", options.TokenFile), ("NKeyFile", options.NKeyFile), ("CredsFile", options.CredsFile), ("Tls:CaFile", options.Tls?.CaFile) })
        {
            Require(string.IsNullOrWhiteSpace(path) || File.Exists(path), key, "a readable file (not found: " + path + ")");
        }

        var js = options.JetStream;
        Require(IsStreamName(js.TradesStream), "JetStream:TradesStream", "a name without '.', ' ', '*' or '>'");
        Require(IsStreamName(js.CandlesStream), "JetStream:CandlesStream", "a name without '.', ' ', '*' or '>'");
        Require(js.MaxAge > TimeSpan.Zero, "JetStream:MaxAge", "> 0");
        Require(js.DuplicateWindow > TimeSpan.Zero && js.DuplicateWindow <= js.MaxAge, "JetStream:DuplicateWindow", "> 0 and <= MaxAge");
        Require(js.Storage is "File" or "Memory", "JetStream:Storage", "File or Memory");
        Require(js.TradesMaxBytes is >= 1L << 20 and <= 1L << 40, "JetStream:TradesMaxBytes", "1048576..1099511627776");
        Require(js.TradesMaxMessagesPerSubject is >= 1 and <= 1_000_000_000, "JetStream:TradesMaxMessagesPerSubject", "1..1000000000");
        Require(js.CandlesMaxAge > TimeSpan.Zero && js.DuplicateWindow <= js.CandlesMaxAge, "JetStream:CandlesMaxAge", "> 0 and >= DuplicateWindow");
        Require(js.CandlesMaxBytes is >= 1L << 20 and <= 1L << 40, "JetStream:CandlesMaxBytes", "1048576..1099511627776");
        Require(js.CandlesMaxMessagesPerSubject is >= 1 and <= 1_000_000_000, "JetStream:CandlesMaxMessagesPerSubject", "1..1000000000");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsPrefix(string prefix) =>
        !string.IsNullOrEmpty(prefix) && prefix.Split('.').All(t => t.Length > 0 && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private static bool IsStreamName(string name) =>
        !string.IsNullOrEmpty(name) && name.AsSpan().IndexOfAny(". *>\t") < 0;
}
