using Microsoft.AspNetCore.Http.HttpResults;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// The one place that builds the API's RFC 7807 problem details, so every error names the parameter or the book.
/// </summary>
/// <seealso href="https://www.rfc-editor.org/rfc/rfc7807"/>
internal static class ApiProblems
{
    public static ProblemHttpResult BadParameter(string parameter, string? value, string expectation) =>
        TypedResults.Problem(
            title: $"Invalid parameter '{parameter}'",
            detail: $"Parameter '{parameter}' {expectation} (was '{value}').",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static ProblemHttpResult UnknownBook(string venue, string symbol) =>
        TypedResults.Problem(
            title: "Unknown instrument",
            detail: $"No book for venue '{venue}' and symbol '{symbol}'; see GET /api/v1/instruments.",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["venue"] = venue, ["symbol"] = symbol });

    public static ProblemHttpResult UnknownInstrument(string instrument) =>
        TypedResults.Problem(
            title: "Unknown instrument",
            detail: $"No configured venue trades instrument '{instrument}'; see GET /api/v1/instruments (canonical names).",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["instrument"] = instrument });

    public static ProblemHttpResult NotFound(string path) =>
        TypedResults.Problem(
            title: "Not found",
            detail: $"No API resource at '{path}'.",
            statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(
            title: "Book unavailable",
            detail: detail,
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
