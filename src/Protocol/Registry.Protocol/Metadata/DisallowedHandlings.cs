namespace Registry.Protocol.Metadata;

/// <summary>The wire (JSON and configuration) names of <see cref="DisallowedHandling"/> values.</summary>
public static class DisallowedHandlings
{
    public const string Reject = "reject";
    public const string Narrow = "narrow";

    /// <summary>Every wire name, in the order of the enum.</summary>
    public static readonly IReadOnlyList<string> All = [Reject, Narrow];

    public static string ToWire(DisallowedHandling handling) => handling switch
    {
        DisallowedHandling.Reject => Reject,
        DisallowedHandling.Narrow => Narrow,
        // Stryker disable once String : the exception's message is not a contract.
        _ => throw new ArgumentOutOfRangeException(nameof(handling), handling, "not a disallowed-value handling"),
    };

    /// <summary>Reads a wire name, exactly (case-sensitive).</summary>
    public static bool TryParse(string? value, out DisallowedHandling handling)
    {
        (var known, handling) = value switch
        {
            Reject => (true, DisallowedHandling.Reject),
            Narrow => (true, DisallowedHandling.Narrow),
            _ => (false, DisallowedHandling.Reject),
        };
        return known;
    }
}
