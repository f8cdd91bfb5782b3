namespace OrleansFeed.Client;

/// <summary>Root of the client's exceptions.</summary>
public class OrleansFeedClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with key=value context.</param>
    /// <param name="innerException">The cause, or null.</param>
    public OrleansFeedClientException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>No silo answers for this book: the NATS server reported no responders on its request subject.</summary>
public sealed class BookNotServedException : OrleansFeedClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bookKey">The book key <c>venue:symbol</c>.</param>
    /// <param name="subject">The request subject.</param>
    /// <param name="innerException">The NATS no-responders exception.</param>
    public BookNotServedException(string bookKey, string subject, Exception? innerException = null)
        : base($"No silo serves book={bookKey} subject={subject}", innerException)
    {
        BookKey = bookKey;
        Subject = subject;
    }

    /// <summary>The book key asked for.</summary>
    public string BookKey { get; }

    /// <summary>The request subject that had no responders.</summary>
    public string Subject { get; }
}

/// <summary>The silo answered with an error (its grain call failed); <see cref="Exception.Message"/> carries its text.</summary>
public sealed class OrleansFeedRemoteException : OrleansFeedClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The request subject.</param>
    /// <param name="code">The error code in the reply.</param>
    /// <param name="remoteMessage">The error text in the reply.</param>
    public OrleansFeedRemoteException(string subject, int code, string remoteMessage)
        : base($"Silo error on subject={subject} code={code}: {remoteMessage}")
    {
        Subject = subject;
        Code = code;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }

    /// <summary>The error code (500: grain call failed).</summary>
    public int Code { get; }
}
