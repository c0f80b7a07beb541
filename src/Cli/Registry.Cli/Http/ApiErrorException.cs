namespace Registry.Cli.Http;

/// <summary>
/// The registry answered with an error: an OAuth-style <c>{"error","error_description"}</c> body, or a status
/// without one. Printed as <c>error: &lt;error&gt;: &lt;error_description&gt;</c>; exits with <see cref="ExitCodes.ApiError"/>.
/// </summary>
internal sealed class ApiErrorException(string message) : Exception(message);
