namespace Registry.Gateway.Telemetry;

internal static class RequestObservationExtensions
{
    /// <summary>The observation of this request (a detached one when the endpoint is not observed).</summary>
    public static RequestObservation Observation(this HttpContext http) =>
        http.Features.Get<RequestObservation>() ?? new RequestObservation(RequestObservation.Unknown);
}
