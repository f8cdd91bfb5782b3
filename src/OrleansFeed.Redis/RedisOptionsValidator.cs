using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansFeed.Redis;

/// <summary>
/// Checks <see cref="RedisOptions"/> at start (registered with <c>ValidateOnStart</c>). Each message names the
/// section and key, the value found (passwords redacted) and the allowed range.
/// </summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    /// <summary>Validates the options; never throws.</summary>
    /// <param name="name">The options name (unused; one Redis provider per silo).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every problem found.</returns>
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        const string S = RedisOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{S}:ConnectionString must be set, e.g. \"127.0.0.1:6379\".");
        }
        else if (!TryParse(options.ConnectionString, out var error))
        {
            failures.Add($"{S}:ConnectionString \"{RedisConnectionStrings.Redact(options.ConnectionString)}\" is not a valid StackExchange.Redis configuration string: {error}");
        }

        if (!string.IsNullOrWhiteSpace(options.PasswordFile) && !File.Exists(options.PasswordFile))
        {
            failures.Add($"{S}:PasswordFile \"{options.PasswordFile}\" does not exist.");
        }

        if (!string.IsNullOrWhiteSpace(options.TlsCaFile) && !File.Exists(options.TlsCaFile))
        {
            failures.Add($"{S}:TlsCaFile \"{options.TlsCaFile}\" does not exist.");
        }

        var prefix = options.KeyPrefix;
        if (string.IsNullOrEmpty(prefix) || prefix.Any(char.IsWhiteSpace) || prefix.StartsWith(':') || prefix.EndsWith(':'))
        {
            failures.Add($"{S}:KeyPrefix \"{prefix}\" must be non-empty, without whitespace, and not start or end with ':'.");
        }

        CheckRange(failures, "ConnectTimeout", options.ConnectTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));
        CheckRange(failures, "OperationTimeout", options.OperationTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));
        CheckRange(failures, "LastValueTtl", options.LastValueTtl, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckRange(failures, "LastValueMinInterval", options.LastValueMinInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));

        if (options.LastValueMinInterval >= options.LastValueTtl)
        {
            failures.Add($"{S}:LastValueMinInterval ({options.LastValueMinInterval}) must be less than {S}:LastValueTtl ({options.LastValueTtl}), or keys expire between writes.");
        }

        if (options.LastValueMaxKeys is < 1 or > 10_000_000)
        {
            failures.Add($"{S}:LastValueMaxKeys is {options.LastValueMaxKeys}; allowed 1 to 10000000.");
        }

        if (options.LastValueMaxPayloadBytes is < 16 or > 16 * 1024 * 1024)
        {
            failures.Add($"{S}:LastValueMaxPayloadBytes is {options.LastValueMaxPayloadBytes}; allowed 16 to 16777216.");
        }

        if (options.ReadinessFailureStatus is not (Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy))
        {
            failures.Add($"{S}:ReadinessFailureStatus is {options.ReadinessFailureStatus}; allowed Degraded or Unhealthy.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{RedisOptions.SectionName}:{key} is {value}; allowed {min} to {max}.");
        }
    }

    private static bool TryParse(string connectionString, out string? error)
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(connectionString);
            error = parsed.EndPoints.Count == 0 ? "no endpoint given" : null;
            return error is null;
        }
        catch (ArgumentException ex)
        {
            // SE.Redis echoes the offending part, which may be the password; keep only the exception type.
            error = ex.GetType().Name;
            return false;
        }
    }
}
