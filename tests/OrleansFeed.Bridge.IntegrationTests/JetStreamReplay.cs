namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// Replays one subject of a stream through an ephemeral consumer with a single <c>filter_subject</c>: NATS.Net's
/// ordered consumer sends <c>filter_subjects</c>, which nats-server 2.9 (Debian 12) ignores.
/// </summary>
internal static class JetStreamReplay
{
    /// <summary>Yields the stored messages of <paramref name="subject"/> from <paramref name="fromSeq"/> (0: all) on.</summary>
    public static async IAsyncEnumerable<INatsJSMsg<ReadOnlyMemory<byte>>> ReadAsync(
        INatsJSContext js, string stream, string subject, ulong fromSeq, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(
            stream,
            new ConsumerConfig
            {
                Name = "replay-" + Guid.NewGuid().ToString("N")[..12],
                FilterSubject = subject,
                DeliverPolicy = fromSeq == 0 ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartSequence,
                OptStartSeq = fromSeq,
                AckPolicy = ConsumerConfigAckPolicy.None,
                InactiveThreshold = TimeSpan.FromSeconds(30),
            },
            cancellationToken);
        await foreach (var msg in consumer.ConsumeAsync<ReadOnlyMemory<byte>>(cancellationToken: cancellationToken))
        {
            yield return msg;
        }
    }
}
