namespace Registry.Cli;

/// <summary>What registry-admin exits with; scripts branch on these.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The registry answered with an error (printed as <c>error: code: description</c>).</summary>
    public const int ApiError = 1;

    /// <summary>The registry could not be reached (connection refused, name not resolved, no answer in time).</summary>
    public const int Unreachable = 2;

    /// <summary>The command line is wrong (BSD sysexits EX_USAGE).</summary>
    public const int Usage = 64;
}
