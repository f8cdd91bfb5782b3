using System.Text.Json;
using OrleansFeed.Api.Contracts;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Tests;

/// <summary>A book whose venue sends no update id shows <c>"lastUpdateId": null</c>, never the in-memory sentinel.</summary>
public sealed class BookSnapshotDtoTests
{
    [Theory]
    [InlineData(UpdateIds.None, "null")]
    [InlineData(42L, "42")]
    public void LastUpdateId_AbsentIsNull(long id, string json)
    {
        var snapshot = new BookSnapshot(
            "okx", "ZEN-USDT", "ZEN-USDT", BookSyncState.Synced, 1, 7, id, Timestamp.None, Timestamp.None, [], [],
            new BookCounters(1, 0, 0, 0, 1, 0, 0, 0, 0, Timestamp.None));

        var text = JsonSerializer.Serialize(DtoMapper.ToDto(snapshot));

        JsonDocument.Parse(text).RootElement.GetProperty("lastUpdateId").GetRawText().Should().Be(json);
        text.Should().NotContain("-9223372036854775808");
    }
}
