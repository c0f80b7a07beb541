using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Cli.Http;
using Registry.Cli.Output;

namespace Registry.Cli.Commands;

/// <summary><c>registry-admin tenants …</c>: <c>/admin/tenants</c>.</summary>
internal static class TenantCommands
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("tenants", "list", "List tenants (configured and created through the admin API).", [],
            [new("limit", "N", "at most N tenants"), new("cursor", "C", "the page after the one that printed this cursor")],
            ListAsync),
        new("tenants", "show", "Show a tenant and its registration policy.", ["NAME"], [], ShowAsync),
        new("tenants", "create", "Create a tenant; its admin client secret is printed once.", ["NAME"],
            [
                new("mode", "MODE", "registration mode: admin_token, initial_access_token or open", Required: true),
                new("allowed-scopes", "\"a b\"", "scopes clients may register"),
                new("max-clients", "N", "clients the tenant may hold"),
                new("on-disallowed", "reject|narrow", "what a registration asking for more than allowed gets"),
                new("redirect-uri-hosts", "\"h1 *.h2\"", "hosts redirect URIs may name (exact or *.domain)"),
                new("admin-client-id", "ID", "the tenant admin client's id"),
                new("admin-client-secret", "S", "the tenant admin client's secret (generated when not given)"),
            ],
            CreateAsync),
        new("tenants", "delete", "Delete a tenant created through the admin API.", ["NAME"], [], DeleteAsync),
    ];

    private static async Task<int> ListAsync(CommandContext context)
    {
        var query = AdminApiClient.Query(("limit", context.NumberOption("limit")?.ToString()), ("cursor", context.Option("cursor")));
        var page = await context.Api.GetAsync("/admin/tenants" + query, context.CancellationToken);
        context.Print(page, body =>
        {
            var table = new TableWriter("NAME", "MODE", "SOURCE", "ISSUER");
            foreach (var tenant in Display.Items(body, "tenants"))
            {
                table.Add(
                    Display.Text(Display.Member(tenant, "name")),
                    Display.Text(Display.Member(tenant, "registration_mode")),
                    Display.Text(Display.Member(tenant, "source")),
                    Display.Text(Display.Member(tenant, "issuer")));
            }

            table.Write(context.Output);
            context.PrintNextCursor(body);
        });
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(CommandContext context)
    {
        var tenant = await context.Api.GetAsync(Path(context), context.CancellationToken);
        context.Print(tenant, body => context.PrintObject(body));
        return ExitCodes.Success;
    }

    private static async Task<int> CreateAsync(CommandContext context)
    {
        var onDisallowed = context.Option("on-disallowed");
        if (onDisallowed is not (null or "reject" or "narrow"))
        {
            throw new UsageException($"--on-disallowed must be reject or narrow, not '{onDisallowed}'");
        }

        var request = new JsonObject
        {
            ["name"] = context.Argument("NAME"),
            ["registration_mode"] = context.Option("mode"),
        };
        AddIfGiven(request, "allowed_scopes", context.ListOption("allowed-scopes"));
        AddIfGiven(request, "max_clients", context.NumberOption("max-clients") is { } max ? JsonValue.Create(max) : null);
        AddIfGiven(request, "on_disallowed", onDisallowed is null ? null : JsonValue.Create(onDisallowed));
        AddIfGiven(request, "redirect_uri_hosts", context.ListOption("redirect-uri-hosts"));
        AddIfGiven(request, "admin_client_id", context.Option("admin-client-id") is { } id ? JsonValue.Create(id) : null);
        AddIfGiven(request, "admin_client_secret", context.Option("admin-client-secret") is { } secret ? JsonValue.Create(secret) : null);

        var tenant = await context.Api.PostAsync("/admin/tenants", request, context.CancellationToken);
        context.Print(tenant, body =>
        {
            context.PrintObject(body, "admin_client_secret");
            if (Display.Member(body, "admin_client_secret") is { ValueKind: JsonValueKind.String } secret)
            {
                context.Output.WriteLine();
                context.Output.WriteLine("admin client secret (shown only once; store it now):");
                context.Output.WriteLine(Display.Clean(secret.GetString()!));
            }
        });
        return ExitCodes.Success;
    }

    private static async Task<int> DeleteAsync(CommandContext context)
    {
        var answer = await context.Api.DeleteAsync(Path(context), context.CancellationToken);
        context.Print(answer, _ => context.Output.WriteLine($"deleted tenant {Display.Clean(context.Argument("NAME"))}"));
        return ExitCodes.Success;
    }

    private static string Path(CommandContext context) => "/admin/tenants/" + AdminApiClient.Segment(context.Argument("NAME"));

    private static void AddIfGiven(JsonObject request, string name, JsonNode? value)
    {
        if (value is not null)
        {
            request[name] = value;
        }
    }
}
