using System.Diagnostics.CodeAnalysis;

namespace Registry.Protocol.Errors;

/// <summary>Either a value or the <see cref="OAuthError"/> explaining why there is none.</summary>
public readonly struct Outcome<T>
    where T : notnull
{
    private Outcome(T? value, OAuthError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public OAuthError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

#pragma warning disable CA2225 // operators are the point of this type; named alternatives follow
    public static implicit operator Outcome<T>(T value) => Success(value);

    public static implicit operator Outcome<T>(OAuthError error) => Failure(error);
#pragma warning restore CA2225

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Failure(OAuthError error) => new(default, error);
}
