using System;
using GradientMsp.Emulator.Domain;

namespace GradientMsp.Emulator
{
    /// <summary>Domain results → HTTP. The one place that knows which status and error body a refusal becomes.</summary>
    internal static class Http
    {
        public static ApiResult From(DomainError e) => e.Kind switch
        {
            ErrorKind.Invalid => ApiResult.BadRequest(e.Message),
            ErrorKind.NotFound => ApiResult.NotFound(e.Message),
            ErrorKind.Conflict => ApiResult.Conflict(e.Message),
            ErrorKind.Unauthorized => ApiResult.Unauthorized(),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };

        /// <summary>The value's view with <paramref name="status"/>, or the error's status and body.</summary>
        public static ApiResult Map<T>(Result<T> r, Func<T, object?> view, int status = 200) =>
            r.IsOk ? new ApiResult(status, view(r.Value)) : From(r.Error!);
    }
}
