using Registry.Cli.Http;
using Registry.Cli.Output;

namespace Registry.Cli.Commands;

/// <summary><c>registry-admin clients …</c>: a tenant's registered clients, <c>/admin/tenants/{t}/clients</c>.</summary>
internal static class ClientCommands
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("clients", "list", "List a tenant's clients, newest first.", ["TENANT"],
            [
                new("limit", "N", "at most N clients (default 50, at most 500)"),
                new("cursor", "C", "the page after the one that printed this cursor"),
                new("software-id", "S", "only clients registered with this software_id"),
                new("name-prefix", "P", "only clients whose client_name starts with P"),
            ],
            ListAsync),
        new("clients", "show", "Show a client's registered metadata and state (never a secret).", ["TENANT", "ID"], [], ShowAsync),
        new("clients", "disable", "Disable a client: its token requests and registration management fail until enabled.", ["TENANT", "ID"], [],
            context => ChangeAsync(context, "/disable")),
        new("clients", "enable", "Enable a disabled client.", ["TENANT", "ID"], [], context => ChangeAsync(context, "/enable")),
        new("clients", "delete", "Delete a client.", ["TENANT", "ID"], [], DeleteAsync),
    ];

    private static async Task<int> ListAsync(CommandContext context)
    {
        var query = AdminApiClient.Query(
            ("limit", context.NumberOption("limit")?.ToString()),
            ("cursor", context.Option("cursor")),
            ("software_id", context.Option("software-id")),
            ("client_name", context.Option("name-prefix")));
        var page = await context.Api.GetAsync(TenantPath(context) + query, context.CancellationToken);
        context.Print(page, body =>
        {
            var table = new TableWriter("CLIENT_ID", "NAME", "SOFTWARE_ID", "CREATED", "DISABLED");
            foreach (var client in Display.Items(body, "clients"))
            {
                table.Add(
                    Display.Text(Display.Member(client, "client_id")),
                    Display.Text(Display.Member(client, "client_name")),
                    Display.Text(Display.Member(client, "software_id")),
                    Display.Time(Display.Member(client, "created_at")),
                    Display.Text(Display.Member(client, "disabled")));
            }

            table.Write(context.Output);
            context.PrintNextCursor(body);
        });
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(CommandContext context)
    {
        var client = await context.Api.GetAsync(ClientPath(context), context.CancellationToken);
        context.Print(client, body => context.PrintObject(body));
        return ExitCodes.Success;
    }

    private static async Task<int> ChangeAsync(CommandContext context, string action)
    {
        var client = await context.Api.PostAsync(ClientPath(context) + action, null, context.CancellationToken);
        context.Print(client, body => context.PrintObject(body));
        return ExitCodes.Success;
    }

    private static async Task<int> DeleteAsync(CommandContext context)
    {
        var answer = await context.Api.DeleteAsync(ClientPath(context), context.CancellationToken);
        context.Print(answer, _ => context.Output.WriteLine($"deleted client {Display.Clean(context.Argument("ID"))}"));
        return ExitCodes.Success;
    }

    private static string TenantPath(CommandContext context) => $"/admin/tenants/{AdminApiClient.Segment(context.Argument("TENANT"))}/clients";

    private static string ClientPath(CommandContext context) => $"{TenantPath(context)}/{AdminApiClient.Segment(context.Argument("ID"))}";
}
