namespace OrleansFeed.Simulator;

/// <summary>Checks <see cref="SimulatorOptions"/>; messages name the config section <c>Simulator</c> and the key.</summary>
public static class SimulatorOptionsValidator
{
    /// <summary>Validates every option.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its <c>BindAddress</c> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public static void Validate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw Invalid(nameof(options.Port), options.Port, "0-65535 (0 = pick a free port)");
        }

        ArgumentNullException.ThrowIfNull(options.BindAddress, nameof(options.BindAddress));
        if (!double.IsFinite(options.PlaybackSpeed) || options.PlaybackSpeed < 0)
        {
            throw Invalid(nameof(options.PlaybackSpeed), options.PlaybackSpeed, "0 (as fast as possible) or a positive finite multiplier (0.5 = half the recorded pace)");
        }

        if (options.MaxSendQueue is < 1 or > 10_000_000)
        {
            throw Invalid(nameof(options.MaxSendQueue), options.MaxSendQueue, "1-10,000,000 frames");
        }

        if (options.PingInterval < TimeSpan.Zero)
        {
            throw Invalid(nameof(options.PingInterval), options.PingInterval, "zero (off) or positive");
        }

        if (options.FrameDelay < TimeSpan.Zero)
        {
            throw Invalid(nameof(options.FrameDelay), options.FrameDelay, "zero or positive");
        }

        if (options.RestDelay < TimeSpan.Zero)
        {
            throw Invalid(nameof(options.RestDelay), options.RestDelay, "zero or positive");
        }
    }

    private static ArgumentOutOfRangeException Invalid(string key, object value, string range) =>
        new(key, value, $"Simulator:{key} is {value}; allowed: {range}.");
}
