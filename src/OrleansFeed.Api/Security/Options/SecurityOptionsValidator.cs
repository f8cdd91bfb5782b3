using System.Net;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Security.ApiKeys;
using OrleansFeed.Api.Security.Authentication;
using OrleansFeed.Api.Security.Tls;

namespace OrleansFeed.Api.Security.Options;

/// <summary>
/// Validates <see cref="SecurityOptions"/> at start; each message names the key. Refuses a non-loopback
/// <see cref="SecurityOptions.Bind"/> without authentication unless <see cref="SecurityOptions.AllowAnonymous"/>, and
/// loads the key file, signing keys and certificate once so a bad file stops the start with its reason.
/// </summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    private const string S = SecurityOptions.SectionName;

    /// <summary>Checks every key.</summary>
    /// <param name="name">Options name (unused).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every problem.</returns>
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        if (!TryParseBind(options.Bind, out var address))
        {
            errors.Add($"{S}:Bind must be an IP address or 'localhost' (was '{options.Bind}').");
        }
        else if (!IPAddress.IsLoopback(address) && !options.AuthenticationConfigured && !options.AllowAnonymous)
        {
            errors.Add($"Refusing to serve {options.Bind} without authentication: configure API keys (--api-keys FILE or {S}:ApiKeysFile) or {S}:Jwt, bind to loopback, or pass --allow-anonymous ({S}:AllowAnonymous=true) to serve anyone on purpose.");
        }

        foreach (var open in options.OpenPaths ?? [])
        {
            if (string.IsNullOrEmpty(open) || open[0] != '/')
            {
                errors.Add($"{S}:OpenPaths entries must start with '/' (was '{open}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader))
        {
            errors.Add($"{S}:ApiKeyHeader must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKeysFile))
        {
            Try(errors, null, () => ApiKeyFile.Load(options.ApiKeysFile, options.Tiers.Keys));
        }

        ValidateJwt(errors, options.Jwt);
        Tier(errors, "Anonymous", options.Anonymous);
        Tier(errors, "Default", options.Default);
        foreach (var (tier, limits) in options.Tiers)
        {
            Tier(errors, "Tiers:" + tier, limits);
        }

        var limitsOptions = options.Limits;
        Range(errors, "Limits:MaxRequestBodyBytes", limitsOptions.MaxRequestBodyBytes, 0, 100L << 20);
        Range(errors, "Limits:MaxRequestHeadersTotalBytes", limitsOptions.MaxRequestHeadersTotalBytes, 1024, 1 << 20);
        Range(errors, "Limits:MaxRequestHeaderCount", limitsOptions.MaxRequestHeaderCount, 1, 1000);
        Range(errors, "Limits:MaxRequestLineBytes", limitsOptions.MaxRequestLineBytes, 256, 64 * 1024);
        Range(errors, "Limits:RequestHeadersTimeout", limitsOptions.RequestHeadersTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Range(errors, "Limits:KeepAliveTimeout", limitsOptions.KeepAliveTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Range(errors, "Limits:MinRequestBodyBytesPerSecond", limitsOptions.MinRequestBodyBytesPerSecond, 1, 1 << 20);
        Range(errors, "Limits:MinResponseBytesPerSecond", limitsOptions.MinResponseBytesPerSecond, 1, 1 << 20);
        Range(errors, "Limits:MinDataRateGracePeriod", limitsOptions.MinDataRateGracePeriod, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Range(errors, "Limits:MaxConcurrentConnections", limitsOptions.MaxConcurrentConnections, 1, 1_000_000);
        Range(errors, "Limits:MaxConcurrentUpgradedConnections", limitsOptions.MaxConcurrentUpgradedConnections, 1, 1_000_000);
        if (options.Https.Enabled)
        {
            Try(errors, $"{S}:Https:CertificateFile", () => CertificateFiles.Load(options.Https).Dispose());
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Parses <see cref="SecurityOptions.Bind"/>: an IP address, or <c>localhost</c> as 127.0.0.1.</summary>
    /// <param name="bind">The configured value.</param>
    /// <param name="address">The address to listen on.</param>
    /// <returns>False when the value is neither.</returns>
    public static bool TryParseBind(string? bind, out IPAddress address)
    {
        if (string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(bind, out address!);
    }

    private static void ValidateJwt(List<string> errors, JwtSecurityOptions jwt)
    {
        if (!jwt.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            errors.Add($"{S}:Jwt:Issuer is required when JWT is configured.");
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            errors.Add($"{S}:Jwt:Audience is required when JWT is configured.");
        }

        Range(errors, "Jwt:ClockSkew", jwt.ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Try(errors, $"{S}:Jwt", () =>
        {
            var keys = JwtBearerSetup.SigningKeys(jwt);
            if (keys.Count == 0)
            {
                throw new InvalidDataException("the JWKS file holds no signing key");
            }

            if (keys[0] is Microsoft.IdentityModel.Tokens.SymmetricSecurityKey { KeySize: < 256 })
            {
                throw new InvalidDataException("the signing key must be at least 32 bytes (256 bits) of UTF-8 text");
            }
        });
    }

    private static void Tier(List<string> errors, string key, ClientTierOptions? tier)
    {
        if (tier is null)
        {
            errors.Add($"{S}:{key} must not be null.");
            return;
        }

        Range(errors, key + ":RequestsPerSecond", tier.RequestsPerSecond, 1, 100_000);
        Range(errors, key + ":RequestBurst", tier.RequestBurst, 1, 1_000_000);
        Range(errors, key + ":MaxConnections", tier.MaxConnections, 1, 100_000);
        Range(errors, key + ":MaxSubscriptions", tier.MaxSubscriptions, 1, 10_000);
        Range(errors, key + ":MessagesPerSecond", tier.MessagesPerSecond, 1, 100_000);
        Range(errors, key + ":MessageBurst", tier.MessageBurst, 1, 1_000_000);
    }

    private static void Try(List<string> errors, string? key, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            errors.Add(key is null ? ex.Message : $"{key}: {ex.Message}");
        }
    }

    private static void Range<T>(List<string> errors, string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            errors.Add($"{S}:{key} must be in {min}..{max} (was {value}).");
        }
    }
}
