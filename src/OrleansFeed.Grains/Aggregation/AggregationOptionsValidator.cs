using Microsoft.Extensions.Options;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>Checks <see cref="AggregationOptions"/> at start; every message names the section and key.</summary>
public sealed class AggregationOptionsValidator : IValidateOptions<AggregationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxQuoteAge <= TimeSpan.Zero)
        {
            errors.Add("Aggregation:MaxQuoteAge must be positive.");
        }

        if (options.CandleGracePeriod < TimeSpan.Zero || options.CandleGracePeriod > TimeSpan.FromHours(1))
        {
            errors.Add("Aggregation:CandleGracePeriod must be within 0..1h.");
        }

        if (options.CandleHistory is < 1 or > 100_000)
        {
            errors.Add("Aggregation:CandleHistory must be within 1..100000.");
        }

        if (options.TickInterval < TimeSpan.FromMilliseconds(10) || options.TickInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Aggregation:TickInterval must be within 10ms..1min.");
        }

        if (options.SaveInterval < TimeSpan.FromSeconds(1) || options.SaveInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Aggregation:SaveInterval must be within 1s..1h.");
        }

        if (options.MirrorDepth is < 1 or > 5000)
        {
            errors.Add("Aggregation:MirrorDepth must be within 1..5000.");
        }

        foreach (var (venue, v) in options.Venues)
        {
            if (v.MaxQuoteAge is { } age && age <= TimeSpan.Zero)
            {
                errors.Add($"Aggregation:Venues:{venue}:MaxQuoteAge must be positive.");
            }

            if (v.TakerFeeBps is < 0m or > 10_000m)
            {
                errors.Add($"Aggregation:Venues:{venue}:TakerFeeBps must be within 0..10000.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
