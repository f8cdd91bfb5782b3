using Microsoft.Extensions.Options;

namespace OrleansFeed.Api.Hosting;

/// <summary>Validates <see cref="ApiOptions"/> at start; every message names the section, the key and the range.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>Checks every key against its documented range.</summary>
    /// <param name="name">Options name (unused).</param>
    /// <param name="options">The options.</param>
    /// <returns>Success, or a failure listing every bad key.</returns>
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        Range(errors, "MaxDepth", options.MaxDepth, 1, 5000);
        Range(errors, "DefaultDepth", options.DefaultDepth, 1, options.MaxDepth);
        Range(errors, "MaxTradesLimit", options.MaxTradesLimit, 1, 1000);
        Range(errors, "DefaultTradesLimit", options.DefaultTradesLimit, 1, options.MaxTradesLimit);
        Range(errors, "MaxRequestTargetLength", options.MaxRequestTargetLength, 256, 32_768);
        var ws = options.WebSocket;
        if (ws is null)
        {
            errors.Add($"{ApiOptions.SectionName}:WebSocket must not be null.");
            return ValidateOptionsResult.Fail(errors);
        }

        if (string.IsNullOrEmpty(ws.Path) || ws.Path[0] != '/')
        {
            errors.Add($"{ApiOptions.SectionName}:WebSocket:Path must start with '/' (was '{ws.Path}').");
        }

        Range(errors, "WebSocket:HeartbeatInterval", ws.HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Range(errors, "WebSocket:SlowConsumerTimeout", ws.SlowConsumerTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Range(errors, "WebSocket:SendTimeout", ws.SendTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        if (ws.SocketSendBufferBytes != 0)
        {
            Range(errors, "WebSocket:SocketSendBufferBytes", ws.SocketSendBufferBytes, 4096, 16 << 20);
        }

        Range(errors, "WebSocket:SendQueueCapacity", ws.SendQueueCapacity, 8, 1 << 20);
        Range(errors, "WebSocket:MaxSubscriptionsPerConnection", ws.MaxSubscriptionsPerConnection, 1, 10_000);
        Range(errors, "WebSocket:BookStreamCapacity", ws.BookStreamCapacity, 1, 65_536);
        Range(errors, "WebSocket:TradeStreamCapacity", ws.TradeStreamCapacity, 1, 65_536);
        Range(errors, "WebSocket:MaxClientMessageBytes", ws.MaxClientMessageBytes, 256, 1 << 20);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range<T>(List<string> errors, string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            errors.Add($"{ApiOptions.SectionName}:{key} must be in {min}..{max} (was {value}).");
        }
    }
}
