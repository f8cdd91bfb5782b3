using System.CommandLine;
using Microsoft.Extensions.Options;

namespace OrleansFeed.Silo.Commands;

/// <summary>
/// The <c>run</c> options of docs/security.md (<c>--bind</c>, <c>--api-keys</c>, <c>--allow-anonymous</c>), turned
/// into <c>Security:*</c> configuration overrides, and the one-line report of a refused configuration.
/// </summary>
internal static class SecurityCommandLine
{
    public static readonly Option<string?> BindOption = new("--bind") { Description = "Address the API listens on (default 127.0.0.1, or Security:Bind). A non-loopback address needs --api-keys, Security:Jwt or --allow-anonymous." };
    public static readonly Option<FileInfo?> ApiKeysOption = new("--api-keys") { Description = "API key file, one 'name:key[:tier]' or 'name:sha256:<hex>[:tier]' per line (Security:ApiKeysFile)." };
    public static readonly Option<bool> AllowAnonymousOption = new("--allow-anonymous") { Description = "Serve clients without credentials on a non-loopback --bind (logged as a warning)." };

    public static void AddTo(Command command)
    {
        command.Options.Add(BindOption);
        command.Options.Add(ApiKeysOption);
        command.Options.Add(AllowAnonymousOption);
    }

    /// <summary>The configuration overrides the parsed options give (none for options not given).</summary>
    public static List<KeyValuePair<string, string?>> Overrides(ParseResult result)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        if (result.GetValue(BindOption) is { } bind)
        {
            overrides.Add(new("Security:Bind", bind));
        }

        if (result.GetValue(ApiKeysOption) is { } keys)
        {
            overrides.Add(new("Security:ApiKeysFile", keys.FullName));
        }

        if (result.GetValue(AllowAnonymousOption))
        {
            overrides.Add(new("Security:AllowAnonymous", "true"));
        }

        return overrides;
    }
}
