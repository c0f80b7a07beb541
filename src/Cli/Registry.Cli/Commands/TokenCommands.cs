using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Cli.Http;
using Registry.Cli.Output;

namespace Registry.Cli.Commands;

/// <summary><c>registry-admin tokens …</c>: a tenant's initial access tokens, <c>/admin/tenants/{t}/initial-access-tokens</c>.</summary>
internal static class TokenCommands
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("tokens", "create", "Issue an initial access token for partners to register clients with; it is printed once.", ["TENANT"],
            [
                new("expires-in", "SECONDS", "how long the token is valid", Required: true),
                new("max-uses", "N", "how many registrations it admits", Required: true),
                new("allowed-scopes", "\"a b\"", "narrows the scopes clients registered with it may have"),
            ],
            CreateAsync),
        new("tokens", "list", "List a tenant's initial access tokens (never the tokens themselves).", ["TENANT"], [], ListAsync),
        new("tokens", "revoke", "Revoke an initial access token.", ["TENANT", "ID"], [], RevokeAsync),
    ];

    private static async Task<int> CreateAsync(CommandContext context)
    {
        var request = new JsonObject
        {
            ["expires_in"] = context.NumberOption("expires-in"),
            ["max_uses"] = context.NumberOption("max-uses"),
        };
        if (context.ListOption("allowed-scopes") is { } scopes)
        {
            request["allowed_scopes"] = scopes;
        }

        var token = await context.Api.PostAsync(Path(context), request, context.CancellationToken);
        context.Print(token, body =>
        {
            context.PrintObject(body, "initial_access_token");
            context.Output.WriteLine();
            context.Output.WriteLine("initial access token (shown only once; store it now):");
            context.Output.WriteLine(Display.Clean(Display.Text(Display.Member(body, "initial_access_token"))));
        });
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CommandContext context)
    {
        var list = await context.Api.GetAsync(Path(context), context.CancellationToken);
        context.Print(list, body =>
        {
            var table = new TableWriter("ID", "USES/MAX", "EXPIRES", "REVOKED");
            foreach (var token in Display.Items(body, "initial_access_tokens"))
            {
                table.Add(
                    Display.Text(Display.Member(token, "id")),
                    $"{Display.Text(Display.Member(token, "uses"))}/{Display.Text(Display.Member(token, "max_uses"))}",
                    Display.Time(Display.Member(token, "expires_at")),
                    Display.Text(Display.Member(token, "revoked")));
            }

            table.Write(context.Output);
        });
        return ExitCodes.Success;
    }

    private static async Task<int> RevokeAsync(CommandContext context)
    {
        var answer = await context.Api.DeleteAsync($"{Path(context)}/{AdminApiClient.Segment(context.Argument("ID"))}", context.CancellationToken);
        context.Print(answer, _ => context.Output.WriteLine($"revoked initial access token {Display.Clean(context.Argument("ID"))}"));
        return ExitCodes.Success;
    }

    private static string Path(CommandContext context) =>
        $"/admin/tenants/{AdminApiClient.Segment(context.Argument("TENANT"))}/initial-access-tokens";
}
