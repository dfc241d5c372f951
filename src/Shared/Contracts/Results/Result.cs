using System.Diagnostics.CodeAnalysis;

namespace RepitBot.Shared.Contracts.Results;

/// <summary>What a contract call answers: a value or a <see cref="ModuleError"/>, never an exception for an expected failure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, ModuleError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ModuleError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(ModuleError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(ModuleError error) => Failure(error);
}
