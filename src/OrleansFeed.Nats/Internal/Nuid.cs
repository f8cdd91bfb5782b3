using System.Security.Cryptography;

namespace OrleansFeed.Nats.Internal;

/// <summary>Unique ids for inboxes: 22 base-62 characters from a CSPRNG (same length and alphabet as NATS NUIDs).</summary>
internal static class Nuid
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Next() => RandomNumberGenerator.GetString(Alphabet, 22);
}
