using System.Buffers;
using System.Text;

namespace OrleansFeed.Nats.Internal;

/// <summary>Turns a parsed MSG/HMSG into an owned <see cref="NatsMsg"/>.</summary>
internal static class MsgFactory
{
    public static NatsMsg Create(in ServerOp op, ISubscriptionTarget target, ReadOnlySpan<byte> subjectUtf8, NatsConnection connection)
    {
        // A non-wildcard subscription receives its own subject: reuse that string instead of allocating one.
        var subject = op.Subject.Span.SequenceEqual(subjectUtf8) ? target.Subject : Encoding.UTF8.GetString(op.Subject.Span);
        var replyTo = op.ReplyTo.IsEmpty ? null : Encoding.UTF8.GetString(op.ReplyTo.Span);
        var headers = op.Kind == ServerOpKind.HMsg ? NatsHeaderParser.Parse(op.Headers) : null;
        var data = op.Payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : op.Payload.ToArray();
        return new NatsMsg(subject, replyTo, headers, data, connection);
    }
}
