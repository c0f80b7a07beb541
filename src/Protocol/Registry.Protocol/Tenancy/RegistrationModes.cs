namespace Registry.Protocol.Tenancy;

/// <summary>The wire (JSON and configuration) names of <see cref="RegistrationMode"/> values.</summary>
public static class RegistrationModes
{
    public const string AdminToken = "admin_token";
    public const string InitialAccessToken = "initial_access_token";
    public const string Open = "open";
    public const string SoftwareStatement = "software_statement";

    /// <summary>Every wire name, in the order of the enum.</summary>
    public static readonly IReadOnlyList<string> All = [AdminToken, InitialAccessToken, Open, SoftwareStatement];

    public static string ToWire(RegistrationMode mode) => mode switch
    {
        RegistrationMode.AdminToken => AdminToken,
        RegistrationMode.InitialAccessToken => InitialAccessToken,
        RegistrationMode.Open => Open,
        RegistrationMode.SoftwareStatement => SoftwareStatement,
        // Stryker disable once String : the exception's message is not a contract.
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a registration mode"),
    };

    /// <summary>Reads a wire name, exactly (case-sensitive, as every OAuth value).</summary>
    public static bool TryParse(string? value, out RegistrationMode mode)
    {
        (var known, mode) = value switch
        {
            AdminToken => (true, RegistrationMode.AdminToken),
            InitialAccessToken => (true, RegistrationMode.InitialAccessToken),
            Open => (true, RegistrationMode.Open),
            SoftwareStatement => (true, RegistrationMode.SoftwareStatement),
            _ => (false, RegistrationMode.AdminToken),
        };
        return known;
    }
}
