using FsCheck;
using FsCheck.Fluent;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>
/// How many generated inputs each property sees: a few thousand by default (seconds in CI), or
/// <c>REGISTRY_FUZZ_ITERATIONS</c> for a long run, e.g. <c>REGISTRY_FUZZ_ITERATIONS=1000000 dotnet test
/// tests/Registry.Protocol.Tests -c Release --filter "FullyQualifiedName~Fuzzing"</c>.
/// </summary>
internal static class FuzzRuns
{
    public const string IterationsVariable = "REGISTRY_FUZZ_ITERATIONS";

    public static int Iterations(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var count) && count > 0 ? count : defaultCount;

    /// <summary>Runs <paramref name="property"/> (which asserts, and throws on failure) on generated inputs; the first failing input fails the test.</summary>
    public static void Check<T>(Gen<T> inputs, Action<T> property, int defaultCount)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(Iterations(defaultCount)).WithQuietOnSuccess(true);
        FsCheck.Check.One(config, Prop.ForAll(inputs.ToArbitrary(), property));
    }
}
