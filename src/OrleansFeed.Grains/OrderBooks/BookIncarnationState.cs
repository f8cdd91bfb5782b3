namespace OrleansFeed.Grains.OrderBooks;

/// <summary>What a book grain keeps across activations: only the last epoch it published (the book itself is
/// rebuilt from the venue, never stored).</summary>
/// <param name="LastEpoch">The last epoch an activation of this book published.</param>
public sealed record BookIncarnationState(long LastEpoch);
