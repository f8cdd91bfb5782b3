using Microsoft.Extensions.Options;

namespace OrleansFeed.Runtime.Hosting;

/// <summary>
/// Validates <see cref="GrainRuntimeOptions"/> at start; every message names the <c>Runtime</c> section, the
/// key and the allowed range, as Orleans' options validators do.
/// </summary>
public sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    /// <summary>Checks ranges: all durations positive, collection age greater than the quantum.</summary>
    /// <param name="name">Options name (unused; the runtime has one unnamed instance).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every bad key.</returns>
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = GrainRuntimeOptions.SectionName;
        var failures = new List<string>();
        if (options.CollectionAge <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.CollectionAge)} must be greater than zero (was {options.CollectionAge}).");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.CollectionQuantum)} must be greater than zero (was {options.CollectionQuantum}).");
        }
        else if (options.CollectionAge <= options.CollectionQuantum)
        {
            failures.Add($"{Section}:{nameof(options.CollectionAge)} ({options.CollectionAge}) must be greater than {Section}:{nameof(options.CollectionQuantum)} ({options.CollectionQuantum}).");
        }

        if (options.DeactivationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.DeactivationTimeout)} must be greater than zero (was {options.DeactivationTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
