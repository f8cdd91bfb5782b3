using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// The one place that builds the API's RFC 7807 problem details, so every error names the parameter or the book.
/// </summary>
/// <seealso href="https://www.rfc-editor.org/rfc/rfc7807"/>
internal static class ApiProblems
{
    /// <summary>Longest client text (path, symbol, parameter value) echoed in a problem; longer text is cut with "…".</summary>
    public const int MaxEchoLength = 128;

    /// <summary>Client text as echoed in a problem: at most <see cref="MaxEchoLength"/> characters, so an error never grows with the request.</summary>
    public static string Echo(string? text) =>
        text is null ? string.Empty : text.Length <= MaxEchoLength ? text : string.Concat(text.AsSpan(0, MaxEchoLength), "…");

    public static ProblemHttpResult BadParameter(string parameter, string? value, string expectation) =>
        TypedResults.Problem(
            title: $"Invalid parameter '{parameter}'",
            detail: $"Parameter '{parameter}' {expectation} (was '{Echo(value)}').",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult UnknownBook(string venue, string symbol) =>
        TypedResults.Problem(
            title: "Unknown instrument",
            detail: $"No book for venue '{Echo(venue)}' and symbol '{Echo(symbol)}'; see GET /api/v1/instruments.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["venue"] = Echo(venue), ["symbol"] = Echo(symbol) });

    public static ProblemHttpResult UnknownInstrument(string instrument) =>
        TypedResults.Problem(
            title: "Unknown instrument",
            detail: $"No configured venue trades instrument '{Echo(instrument)}'; see GET /api/v1/instruments (canonical names).",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["instrument"] = Echo(instrument) });

    public static ProblemHttpResult NotFound(string path) =>
        TypedResults.Problem(
            title: "Not found",
            detail: $"No resource at '{Echo(path)}'; the REST API is under /api/v1 (reference at /docs), the dashboard at /.",
            statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UriTooLong(int length, int limit) =>
        TypedResults.Problem(
            title: "Request target too long",
            detail: $"The request target is {length} characters; at most {limit} are accepted.",
            statusCode: StatusCodes.Status414UriTooLong);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(
            title: "Book unavailable",
            detail: detail,
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
