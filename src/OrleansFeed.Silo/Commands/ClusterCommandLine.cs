using System.CommandLine;
using OrleansFeed.Silo.Cli;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// The <c>run</c> options of a silo cluster (docs/cluster.md): <c>--cluster HOST:PORT</c> (<c>Cluster:Redis</c>),
/// <c>--silo-port N</c> (<c>Silo:SiloPort</c>), <c>--gateway-port M</c> (<c>Silo:GatewayPort</c>), and any
/// configuration key as <c>--Section:Key=value</c> or <c>--Section:Key value</c>, turned into configuration overrides.
/// </summary>
internal static class ClusterCommandLine
{
    public static readonly Option<string?> ClusterOption = new("--cluster") { Description = "Join a silo cluster on this Redis (HOST:PORT or a StackExchange.Redis connection string; Cluster:Redis): Redis clustering and grain storage." };
    public static readonly Option<int?> SiloPortOption = new("--silo-port") { Description = "Silo-to-silo port (Silo:SiloPort, default 11111)." };
    public static readonly Option<int?> GatewayPortOption = new("--gateway-port") { Description = "Orleans gateway port for clients (Silo:GatewayPort, default 30000)." };

    public static void AddTo(Command command)
    {
        command.Options.Add(ClusterOption);
        command.Options.Add(SiloPortOption);
        command.Options.Add(GatewayPortOption);
        // --Section:Key=value for any setting: left for Overrides to read instead of being refused by the parser.
        command.TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>The configuration overrides of the parsed options and of every <c>--Section:Key=value</c> token.</summary>
    /// <exception cref="CliUsageException">A token that is neither a known option nor <c>--Section:Key=value</c>.</exception>
    public static List<KeyValuePair<string, string?>> Overrides(ParseResult result)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        if (result.GetValue(ClusterOption) is { } redis)
        {
            overrides.Add(new("Cluster:Redis", redis));
        }

        if (result.GetValue(SiloPortOption) is { } siloPort)
        {
            overrides.Add(new("Silo:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (result.GetValue(GatewayPortOption) is { } gatewayPort)
        {
            overrides.Add(new("Silo:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        overrides.AddRange(SettingTokens(result.UnmatchedTokens));
        return overrides;
    }

    /// <summary>Reads <c>--Section:Key=value</c> and <c>--Section:Key value</c> tokens.</summary>
    /// <exception cref="CliUsageException">Any other token.</exception>
    internal static IEnumerable<KeyValuePair<string, string?>> SettingTokens(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                throw new CliUsageException($"unknown argument '{token}': settings are given as --Section:Key=value (e.g. --Cluster:Redis=127.0.0.1:6379); see 'run --help'.");
            }

            var body = token[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return new(body[..equals], body[(equals + 1)..]);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                yield return new(body, tokens[++i]);
            }
            else
            {
                throw new CliUsageException($"setting '{token}' has no value: write --Section:Key=value.");
            }
        }
    }
}
