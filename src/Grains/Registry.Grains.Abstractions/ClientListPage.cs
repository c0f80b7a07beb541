namespace Registry.Grains.Abstractions;

/// <summary>
/// One page of a client listing, newest first. <see cref="NextCursor"/> (a sequence: "continue at sequence ≤
/// this") is null when the listing is complete; a page may hold fewer entries than asked and still have one.
/// </summary>
public sealed record ClientListPage(IReadOnlyList<ClientIndexEntry> Entries, long? NextCursor);
