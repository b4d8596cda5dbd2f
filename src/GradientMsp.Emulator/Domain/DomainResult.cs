using System;

namespace GradientMsp.Emulator.Domain
{
    /// <summary>Why a domain operation refused; the endpoints choose the HTTP status and body for each kind.</summary>
    internal enum ErrorKind
    {
        /// <summary>The input breaks a rule (400).</summary>
        Invalid,
        NotFound,
        /// <summary>The state does not allow it now, or the id is taken (409).</summary>
        Conflict,
        /// <summary>The partner's key was revoked while the request was in flight (401).</summary>
        Unauthorized,
    }

    /// <summary>A refusal with the exact message the wire shows.</summary>
    internal sealed class DomainError
    {
        private DomainError(ErrorKind kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        public ErrorKind Kind { get; }
        public string Message { get; }

        public static DomainError Invalid(string message) => new DomainError(ErrorKind.Invalid, message);
        public static DomainError NotFound(string message) => new DomainError(ErrorKind.NotFound, message);
        public static DomainError Conflict(string message) => new DomainError(ErrorKind.Conflict, message);
        public static readonly DomainError Unauthorized = new DomainError(ErrorKind.Unauthorized, "Unauthorized");

        public override string ToString() => $"{Kind}: {Message}";
    }

    /// <summary>A value or a <see cref="DomainError"/>; a struct so the hot count path allocates nothing for it.</summary>
    internal readonly struct Result<T>
    {
        private readonly T _value;

        private Result(T value, DomainError? error)
        {
            _value = value;
            Error = error;
        }

        public DomainError? Error { get; }
        public bool IsOk => Error == null;
        public T Value => Error == null ? _value : throw new InvalidOperationException("No value: " + Error);

        public static implicit operator Result<T>(T value) => new Result<T>(value, null);
        public static implicit operator Result<T>(DomainError error) => new Result<T>(default!, error);
    }
}
