using OrleansFeed.Api.Health;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Silo.Hosting.Cluster;

/// <summary>
/// The configured books held by this silo (its <see cref="BookDirectory"/>): what a cluster silo's readiness waits for,
/// so a probe calls only local book activations, never one grain per configured book across the cluster.
/// </summary>
/// <param name="configured">Every configured book.</param>
/// <param name="local">The books active on this silo.</param>
public sealed class LocalConfiguredBooks(FeedConfiguredBooks configured, BookDirectory local) : IConfiguredBooks
{
    /// <inheritdoc />
    public IEnumerable<BookKey> GetBooks() => configured.GetBooks().Where(local.Books.ContainsKey);
}
