namespace OrleansFeed.Grains.OrderBooks;

/// <summary>What a book grain keeps across activations: only the last epoch it reserved (the book itself is
/// rebuilt from the venue, never stored). See <see cref="BookEpochs"/>.</summary>
/// <param name="LastEpoch">The last epoch any activation of this book reserved, so may have published; the next
/// activation starts one above it.</param>
public sealed record BookIncarnationState(long LastEpoch);
